/** The simulated service's data, which the handlers, the views and the control read and change. */
import { CertificateBook } from "./certificates";
import { SimClock } from "./clock";
import { Register } from "./register";
import type { EsfaSimulatorOptions } from "./types";

export interface Service {
  clock: SimClock;
  register: Register;
  certificates: CertificateBook;
}

export function createService(options: EsfaSimulatorOptions): Service {
  const clock = new SimClock(options);
  return { clock, register: new Register(options.approvals, options.register), certificates: new CertificateBook(clock, options) };
}
