/**
 * AWS's standard variables for talking to an emulator: a region and dummy credentials. Set on
 * this process (for in-process apps) and returned (for spawned servers).
 */
export function sesEnv(endpoint: string): Record<string, string> {
  const aws = {
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_EC2_METADATA_DISABLED: "true",
  };
  Object.assign(process.env, aws);
  return { ...aws, ASYNCSES_SENDER: "ses", ASYNCSES_SES_ENDPOINT: endpoint };
}
