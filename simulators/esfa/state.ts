import fs from "node:fs";
import path from "node:path";
import type { KeyRing } from "./gateway";
import type { Service } from "./service";
import type { EsfaRegisterLearner, EsfaSimulatorKey } from "./types";

/**
 * Where the ESFA simulator keeps what it must not forget across restarts (the `stateDir` option): `register.json`
 * (the learners) and `state.json` (certificates, keys, the next certificate reference). Each file is written whole to
 * a temporary file in the same directory, flushed, then renamed over the old one, so a reader (or a restart after a
 * crash) sees either the previous or the new version, never half of one. Faults, counters and the time offset are not
 * kept.
 */

const VERSION = 1;

export type SavedRegister = { version: number; learners: EsfaRegisterLearner[] };
export type SavedState = { version: number; nextReference: number; certificates: unknown[]; keys: EsfaSimulatorKey[] };

export type SimulatorStateStore = {
  dir: string;
  load(): { register: EsfaRegisterLearner[]; state: Omit<SavedState, "version"> | null };
  writeRegister(learners: EsfaRegisterLearner[]): void;
  writeState(state: Omit<SavedState, "version">): void;
};

/** Writes `text` to `file` atomically: a temporary file beside it, fsync, rename. */
export function writeFileAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`;
  const fd = fs.openSync(/*turbopackIgnore: true*/ tmp, "w", 0o600);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(/*turbopackIgnore: true*/ tmp, file);
  } catch (error) {
    fs.rmSync(/*turbopackIgnore: true*/ tmp, { force: true });
    throw error;
  }
}

function readJson(file: string): Record<string, unknown> | null {
  let text: string;
  try {
    text = fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error("not a JSON object");
    const version = (value as { version?: unknown }).version;
    if (version !== VERSION) throw new Error(`unknown version ${String(version)}`);
    return value as Record<string, unknown>;
  } catch (error) {
    // Refuse rather than start afresh: starting afresh would issue certificate references again.
    throw new Error(
      `The ESFA simulator's saved state ${file} cannot be read (${(error as Error).message}). Move it away to start the simulator afresh (it then forgets its certificates and numbers them from 00000001 again).`,
    );
  }
}

export function openStateStore(dir: string): SimulatorStateStore {
  fs.mkdirSync(/*turbopackIgnore: true*/ dir, { recursive: true });
  // Temporary files of writes a crash interrupted: never renamed into place, so never part of the state.
  for (const name of fs.readdirSync(/*turbopackIgnore: true*/ dir)) {
    if (name.endsWith(".tmp")) fs.rmSync(path.join(/*turbopackIgnore: true*/ dir, name), { force: true });
  }
  const registerFile = path.join(/*turbopackIgnore: true*/ dir, "register.json");
  const stateFile = path.join(/*turbopackIgnore: true*/ dir, "state.json");
  return {
    dir,
    load() {
      const register = readJson(registerFile);
      const state = readJson(stateFile);
      return {
        register: Array.isArray(register?.learners) ? (register.learners as EsfaRegisterLearner[]) : [],
        state: state
          ? {
              nextReference: typeof state.nextReference === "number" ? state.nextReference : 0,
              certificates: Array.isArray(state.certificates) ? state.certificates : [],
              keys: Array.isArray(state.keys)
                ? (state.keys as EsfaSimulatorKey[]).filter((k) => typeof k?.key === "string" && typeof k?.epaoId === "string")
                : [],
            }
          : null,
      };
    },
    writeRegister(learners) {
      writeFileAtomically(registerFile, JSON.stringify({ version: VERSION, learners } satisfies SavedRegister));
    },
    writeState(state) {
      writeFileAtomically(stateFile, JSON.stringify({ version: VERSION, ...state } satisfies SavedState));
    },
  };
}

/**
 * Writes what changed to the store (none without `stateDir`: then every call does nothing). The server saves after
 * every API request, before answering: a certificate (and its reference) the caller was told about is never forgotten.
 */
export class Persistence {
  private registerTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly store: SimulatorStateStore | null,
    private readonly service: Service,
    private readonly keys: KeyRing,
  ) {}

  /** Loads what the store holds, then writes it back whole. Saved learners and keys win over the ones given. */
  load() {
    const { store, service } = this;
    if (!store) return;
    const saved = store.load();
    // The ILR and a key's expiry survive a restart.
    for (const learner of saved.register) service.register.addLearner(learner);
    if (saved.state) {
      service.certificates.restore(saved.state);
      this.keys.restore(saved.state.keys);
    }
    service.register.changed = true;
    service.certificates.changed = true;
    this.persist();
  }

  /** Writes what changed: the register first, so a saved certificate's learner is never missing from it. */
  persist() {
    const { store, service, keys } = this;
    if (!store) return;
    if (this.registerTimer) clearTimeout(this.registerTimer);
    this.registerTimer = null;
    if (service.register.changed) {
      service.register.changed = false;
      store.writeRegister(service.register.entries());
    }
    if (service.certificates.changed || keys.changed) {
      service.certificates.changed = false;
      keys.changed = false;
      store.writeState({ ...service.certificates.snapshot(), keys: keys.all() });
    }
  }

  /** Register additions come in bursts (the embedded simulator's sync): written shortly after, or with the next change. */
  persistSoon() {
    if (!this.store || this.registerTimer || this.closed) return;
    this.registerTimer = setTimeout(() => {
      this.registerTimer = null;
      try {
        this.persist();
      } catch (error) {
        console.error("[esfa-sim] could not save the register:", error instanceof Error ? error.message : error);
      }
    }, 250);
    this.registerTimer.unref();
  }

  /** Writes what is left; nothing is scheduled after this. */
  close() {
    this.persist();
    this.closed = true;
  }
}

/** Opens the store in `stateDir` (if given) and loads it into the service and the keys. */
export function openPersistence(stateDir: string | undefined, service: Service, keys: KeyRing): Persistence {
  const persistence = new Persistence(stateDir ? openStateStore(stateDir) : null, service, keys);
  persistence.load();
  return persistence;
}
