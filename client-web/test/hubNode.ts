import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";

const repositoryRoot = path.resolve(__dirname, "../../.."); // from client-web/.test-out/test
const apiKey = `web-tests-${randomBytes(24).toString("hex")}`;

/**
 * A real hub node for tests that need the server's own frames: Hub.Server's Release build (./test.sh builds it before
 * these tests; REALTIMEHUB_SERVER_DLL points elsewhere), embedded mode, Development (dev tokens), on a free loopback port.
 */
export class HubNode {
  private constructor(
    private readonly process: ChildProcess,
    readonly url: string,
  ) {}

  static async start(): Promise<HubNode> {
    const dll = process.env.REALTIMEHUB_SERVER_DLL ?? path.join(repositoryRoot, "Hub.Server/bin/Release/net10.0/RealtimeHub.Server.dll");
    if (!existsSync(dll)) {
      throw new Error(`${dll} is missing: build the server first (dotnet build Hub.Server -c Release; ./test.sh does).`);
    }
    const child = spawn("dotnet", [dll, "--urls", "http://127.0.0.1:0"], {
      cwd: path.dirname(dll),
      env: {
        ...process.env,
        ASPNETCORE_ENVIRONMENT: "Development",
        Redis__Configuration: "", // embedded, whatever the shell has set
        Api__Keys__webtests: apiKey,
        Live__Demo: "false",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return new HubNode(child, await listeningUrl(child));
  }

  /** A token from the node's dev endpoint (POST /auth/token). */
  async token(userName: string): Promise<string> {
    const response = await this.post("/auth/token", { userName });
    return ((await response.json()) as { accessToken: string }).accessToken;
  }

  /** Notifies a user through the server API, as another service would. */
  async notify(userId: string, type: string, data: unknown): Promise<void> {
    await this.post(`/api/v1/users/${encodeURIComponent(userId)}/notifications`, { type, data }, { "X-Api-Key": apiKey });
  }

  async stop(): Promise<void> {
    if (this.process.exitCode !== null) return;
    const exited = new Promise((resolve) => this.process.once("exit", resolve));
    this.process.kill("SIGTERM");
    const timer = setTimeout(() => this.process.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }

  private async post(route: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(this.url + route, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${route}: ${response.status} ${await response.text()}`);
    return response;
  }
}

/** The address Kestrel reports once it listens; fails with the node's output if it exits or takes over 30 s. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${why}\n${output}`));
    };
    const timer = setTimeout(() => fail("The hub node did not start within 30 s."), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Now listening on: (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on("data", read); // read to the end, so a full pipe never blocks the node
    child.stderr!.on("data", read);
    child.once("exit", (code) => fail(`The hub node exited (${code}) before it listened.`));
  });
}
