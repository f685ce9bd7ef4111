import { pgEnum } from "drizzle-orm/pg-core";
import {
  AFFILIATIONS,
  COMMUNE_KINDS,
  GENDERS,
  HAMLET_KINDS,
  POSITIONS,
  REPORT_STATUSES,
  ROLES,
  TARGET_GROUPS,
  TEAM_STATUSES,
  TRAINING_FORMATS,
  TRAINING_LEVELS,
} from "../../lib/domain/catalog";

export const roleEnum = pgEnum("role", ROLES);
export const communeKindEnum = pgEnum("commune_kind", COMMUNE_KINDS);
export const hamletKindEnum = pgEnum("hamlet_kind", HAMLET_KINDS);
export const teamStatusEnum = pgEnum("team_status", TEAM_STATUSES);
export const genderEnum = pgEnum("gender", GENDERS);
export const positionEnum = pgEnum("position", POSITIONS);
export const trainingLevelEnum = pgEnum("training_level", TRAINING_LEVELS);
export const trainingFormatEnum = pgEnum("training_format", TRAINING_FORMATS);
export const targetGroupEnum = pgEnum("target_group", TARGET_GROUPS);
export const reportStatusEnum = pgEnum("report_status", REPORT_STATUSES);

/** SQL literal list of the allowed affiliations, for the array check constraint. */
export const affiliationList = AFFILIATIONS.map((a) => `'${a}'`).join(",");
