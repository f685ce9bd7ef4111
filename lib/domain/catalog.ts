/**
 * The closed vocabularies of the domain. Stored values are stable ASCII keys; labels live in the
 * message catalogues (messages/<locale>/catalog.json) under the same keys.
 */
export const ROLES = ["national", "provincial", "commune"] as const;
export type Role = (typeof ROLES)[number];

export const COMMUNE_KINDS = ["phuong", "xa", "dac_khu"] as const;
export type CommuneKind = (typeof COMMUNE_KINDS)[number];

export const HAMLET_KINDS = ["thon", "to_dan_pho", "ap", "khom", "ban", "buon", "lang", "soc", "khu_pho"] as const;
export type HamletKind = (typeof HAMLET_KINDS)[number];

export const TEAM_STATUSES = ["active", "dissolved"] as const;
export type TeamStatus = (typeof TEAM_STATUSES)[number];

export const GENDERS = ["male", "female", "other"] as const;
export type Gender = (typeof GENDERS)[number];

export const POSITIONS = ["leader", "deputy", "member"] as const;
export type Position = (typeof POSITIONS)[number];

export const AFFILIATIONS = [
  "village_head",
  "police",
  "youth_union",
  "women_union",
  "farmers_union",
  "veterans",
  "fatherland_front",
  "teacher",
  "health",
  "telecom",
  "student",
  "resident",
  "other",
] as const;
export type Affiliation = (typeof AFFILIATIONS)[number];

export const TRAINING_LEVELS = ["national", "provincial", "commune"] as const;
export type TrainingLevel = (typeof TRAINING_LEVELS)[number];

export const TRAINING_FORMATS = ["in_person", "online", "hybrid"] as const;
export type TrainingFormat = (typeof TRAINING_FORMATS)[number];

export const TRAINING_TOPICS = [
  "skill_public_services",
  "skill_shopping",
  "skill_payment",
  "skill_cyber_safety",
  "skill_other_platforms",
  "vneid",
  "digital_signature",
  "cashless",
  "cybersecurity",
  "ecommerce",
  "basic_ai",
  "binh_dan_hoc_vu_so",
  "other",
] as const;
export type TrainingTopic = (typeof TRAINING_TOPICS)[number];

/** The five basic digital skills, numbered as in the ministry's guidance. */
export const SKILLS = [1, 2, 3, 4, 5] as const;
export type Skill = (typeof SKILLS)[number];

export const TARGET_GROUPS = [
  "traders",
  "families_with_pupils",
  "elderly",
  "farmers",
  "workers",
  "students",
  "others",
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export const REPORT_STATUSES = ["open", "submitted", "approved", "returned"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
