// The six SM-2 grades, with the wording shown on the grade buttons.
export const GRADES = [
  { value: 0, label: "Blackout" },
  { value: 1, label: "Wrong" },
  { value: 2, label: "Wrong, but familiar" },
  { value: 3, label: "Hard" },
  { value: 4, label: "Good" },
  { value: 5, label: "Easy" },
] as const;
