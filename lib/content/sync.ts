// Import the course from content/ into a database (used by npm start and content:import).
import path from "node:path";
import { readCourse } from "./course-files";
import { importCourse, type ImportSummary } from "./import";

export const DEFAULT_CONTENT_DIR = path.join(process.cwd(), "content");

export async function syncCourse(contentDir = DEFAULT_CONTENT_DIR): Promise<ImportSummary> {
  return importCourse(readCourse(contentDir));
}
