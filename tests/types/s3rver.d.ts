// s3rver ships no types; the part the off-site backup tests use.
declare module "s3rver" {
  import type { Server } from "node:http";
  export default class S3rver {
    constructor(options: {
      address?: string;
      port?: number;
      silent?: boolean;
      directory?: string;
      configureBuckets?: { name: string; configs?: string[] }[];
      allowMismatchedSignatures?: boolean;
    });
    run(): Promise<Server>;
    close(): Promise<void>;
  }
}
