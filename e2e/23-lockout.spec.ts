// Lockouts a stranger cannot cause (issue 23), from the victim's side: a
// student's own browser signs in whatever a stranger on the same network has
// guessed, and the stranger's block lasts at most its 15 minutes.
import { expect, test } from "./support/fixtures";
import { E2E_PORT } from "./support/server-config";
import { action, postAction } from "./20-security-helpers";

test("a stranger's guesses never lock a student out of their own browser; a pair's block is 15 minutes at most", async ({
  newStudent,
  newContext,
  request,
}) => {
  // A third address (127.0.0.3) of the same server: a school network the student and a stranger share.
  const school = `http://127.0.0.3:${E2E_PORT}`;
  const student = await newStudent("Lockout Victim");
  const browser = await (await newContext()).newPage();
  const signIn = async (password: string) => {
    await browser.goto(`${school}/login`);
    await browser.getByLabel("Email").fill(student.email);
    await browser.getByLabel("Password").fill(password);
    await browser.getByRole("button", { name: "Sign in" }).click();
  };
  await signIn(student.password); // this browser now carries the device cookie
  await expect(browser).toHaveURL(/\/me$/);
  await browser.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(browser).toHaveURL(/\/login/);

  const login = action("loginAction");
  for (let i = 1; i <= 10; i++) {
    const guess = await postAction(request, school, login, { email: student.email, password: `stranger guess ${i}` });
    expect(await guess.text(), `guess ${i}`).toContain("do not match");
  }
  const eleventh = await postAction(request, school, login, { email: student.email, password: "stranger guess 11" });
  expect(eleventh.status()).toBe(429);
  const retryAfter = Number(eleventh.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(60);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  expect(await eleventh.text()).toMatch(/Please wait 15 minutes/);

  // The student, on the browser they signed in from before, from the same address, gets in at once.
  await signIn(student.password);
  await expect(browser).toHaveURL(/\/me$/);
});
