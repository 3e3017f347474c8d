// One field of a planned change, as the plan and its report show it (shared by the classic and v3 plans).
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}
