import { arithSkill } from "./arith-skill.js";
import { codeSkill } from "./code-skill.js";
import { haystackSkill } from "./haystack-skill.js";
import { multihopSkill } from "./multihop-skill.js";
import type { SimSkill } from "./sim-skill.js";

/** Skills are tried in order; the first that recognises the request answers it. */
export const SIM_SKILLS: SimSkill[] = [codeSkill, multihopSkill, haystackSkill, arithSkill];
