// Demo reference data: real English apprenticeship standards (IfATE / Skills England).
//
// Each entry records the standard's reference, LARS code, title, level, versions, options and the
// assessment methods + overall grading of its current end-point assessment (EPA) plan.
// Facts were checked against the IfATE "key information" / EPA plan pages (or, where noted, an
// EPAO or university page quoting the plan). Anything that could not be confirmed is marked with
// an `// unverified:` comment and holds the most plausible value.
//
// Modelling notes:
// - One grading rule per standard: it encodes the EPA plan of the LATEST version listed. Older
//   versions of some standards were assessed differently (noted per standard).
// - The generic rule (see GradingRule) already turns any component Fail into an overall Fail and
//   all-top-grade components into the top overall grade; the combination rows below are written out
//   in full anyway (non-fail rows of the published table) so they read like the plan's table.

export type GradingRule = {
  // "Any component Fail -> Fail; all components at their top grade -> top overall grade; otherwise the first matching row of the combination table, else the fallback"
  combinations: { when: Record<string, string>; overall: string }[]; // `when` maps component code -> component grade; a row matches when every listed component has that grade (components not listed are "any")
  fallback: string; // overall grade when no row matches (e.g. "Pass")
};

export type StandardSeed = {
  reference: string; // e.g. "ST0145"
  larsCode: number; // integer LARS standard code, e.g. 94
  title: string;
  level: number;
  versions: string[]; // e.g. ["1.0", "1.1"]
  options: string[]; // empty when the standard has no options
  overallGrades: string[]; // ordered lowest -> highest, always starting with "Fail", e.g. ["Fail","Pass","Merit","Distinction"]
  components: { code: string; name: string; grades: string[] }[]; // each assessment method with its own ordered scale, lowest first, starting "Fail"
  gradingRule: GradingRule;
};

const FPD = ["Fail", "Pass", "Distinction"];
const FPMD = ["Fail", "Pass", "Merit", "Distinction"];
const FP = ["Fail", "Pass"];

export const STANDARDS: StandardSeed[] = [
  // Business administrator — IfATE ST0070; LARS 196 and "ST0070 v1.0" per EPAO listing
  // (notebook-assessment.co.uk). Three methods each graded fail/pass/distinction (Skills First,
  // TQUK). Overall fail/pass/distinction with distinction when all pass and distinction criteria
  // are met (National EPA summary of the plan).
  {
    reference: "ST0070",
    larsCode: 196,
    title: "Business administrator",
    level: 3,
    versions: ["1.0"],
    options: [],
    overallGrades: [...FPD],
    components: [
      { code: "KT", name: "Knowledge test", grades: [...FPD] },
      { code: "PBI", name: "Portfolio-based interview", grades: [...FPD] },
      { code: "PP", name: "Project presentation", grades: [...FPD] },
    ],
    gradingRule: {
      // unverified: the plan's own combination table was not seen; EPAO summaries give
      // "Distinction = all pass and distinction criteria met", i.e. distinction in every method,
      // otherwise Pass. That is exactly the generic top-grade rule, so no extra rows.
      combinations: [],
      fallback: "Pass",
    },
  },

  // Team leader (formerly "Team leader/supervisor") — IfATE ST0384 v1.4, Level 3, Lars code 105,
  // approved 1 June 2016. v1.4 EPA: presentation with questions + professional discussion
  // underpinned by a portfolio, each fail/pass/distinction; overall fail/pass/distinction.
  // (v1.0–v1.2 used earlier plans: knowledge test, competency-based interview, etc.)
  {
    reference: "ST0384",
    larsCode: 105,
    title: "Team leader",
    level: 3,
    // unverified: 1.1 and 1.2 inferred from IfATE's sequential numbering (1.0, 1.3 and 1.4 seen)
    versions: ["1.0", "1.1", "1.2", "1.3", "1.4"],
    options: [],
    overallGrades: [...FPD],
    components: [
      { code: "PQ", name: "Presentation with questions", grades: [...FPD] },
      { code: "PD", name: "Professional discussion underpinned by a portfolio of evidence", grades: [...FPD] },
    ],
    gradingRule: {
      // unverified: v1.4 overall table not seen; IfATE's standard two-method fail/pass/distinction
      // table (distinction only when both methods are distinction) assumed.
      combinations: [
        { when: { PQ: "Pass", PD: "Pass" }, overall: "Pass" },
        { when: { PQ: "Pass", PD: "Distinction" }, overall: "Pass" },
        { when: { PQ: "Distinction", PD: "Pass" }, overall: "Pass" },
        { when: { PQ: "Distinction", PD: "Distinction" }, overall: "Distinction" },
      ],
      fallback: "Pass",
    },
  },

  // Senior leader — IfATE ST0480, Level 7, approved 27 Feb 2018 (v1.0 = master's degree
  // apprenticeship plan AP01; v1.2 page seen). EPA plan ST0480/AP03: strategic business proposal
  // with presentation and questioning + professional discussion underpinned by a portfolio, each
  // fail/pass/distinction; overall fail/pass/distinction; distinction needs distinction in both
  // (table published in the plan).
  {
    reference: "ST0480",
    larsCode: 317, // unverified: LARS code not found in the sources consulted
    title: "Senior leader",
    level: 7,
    // unverified: 1.1 inferred from sequential numbering (1.0 and 1.2 seen)
    versions: ["1.0", "1.1", "1.2"],
    options: [],
    overallGrades: [...FPD],
    components: [
      { code: "SBP", name: "Strategic business proposal, presentation with questioning", grades: [...FPD] },
      { code: "PD", name: "Professional discussion underpinned by a portfolio of evidence", grades: [...FPD] },
    ],
    gradingRule: {
      combinations: [
        { when: { SBP: "Pass", PD: "Pass" }, overall: "Pass" },
        { when: { SBP: "Pass", PD: "Distinction" }, overall: "Pass" },
        { when: { SBP: "Distinction", PD: "Pass" }, overall: "Pass" },
        { when: { SBP: "Distinction", PD: "Distinction" }, overall: "Distinction" },
      ],
      fallback: "Pass",
    },
  },

  // Digital and technology solutions professional (integrated degree) — IfATE ST0119 v1.2, Level 6,
  // with six options. v1.2 EPA: project report with presentation, questions and answers +
  // professional discussion underpinned by a portfolio, each fail/pass/distinction; overall
  // fail/pass/merit/distinction, table published in the plan (pass + distinction = merit).
  // (v1.0 was graded through the honours degree classification.)
  {
    reference: "ST0119",
    larsCode: 25, // unverified: LARS code not found in the sources consulted
    title: "Digital and technology solutions professional (integrated degree)",
    level: 6,
    // unverified: 1.1 inferred from sequential numbering (1.0 and 1.2 seen)
    versions: ["1.0", "1.1", "1.2"],
    options: [
      "Software engineering professional",
      "IT consultant professional",
      "Business analyst professional",
      "Cyber security professional",
      "Computing data analyst professional",
      "Network engineering professional",
    ],
    overallGrades: [...FPMD],
    components: [
      { code: "PRJ", name: "Project report with presentation, questions and answers", grades: [...FPD] },
      { code: "PD", name: "Professional discussion underpinned by a portfolio", grades: [...FPD] },
    ],
    gradingRule: {
      combinations: [
        { when: { PRJ: "Pass", PD: "Pass" }, overall: "Pass" },
        { when: { PRJ: "Pass", PD: "Distinction" }, overall: "Merit" },
        { when: { PRJ: "Distinction", PD: "Pass" }, overall: "Merit" },
        { when: { PRJ: "Distinction", PD: "Distinction" }, overall: "Distinction" },
      ],
      fallback: "Pass",
    },
  },

  // Digital and technology solutions specialist (integrated degree) — Level 7. Two methods each
  // graded fail/pass/merit/distinction; overall table as published in the plan (quoted by Queen Mary
  // University of London's EPA guidance): the project report drives the grade, a distinction in the
  // report needs at least a merit in the discussion to give an overall distinction.
  {
    reference: "ST0482", // unverified: reference recalled, not seen in the sources consulted
    larsCode: 393, // unverified: LARS code not found in the sources consulted
    title: "Digital and technology solutions specialist (integrated degree)",
    level: 7,
    versions: ["1.0"], // unverified: version history not seen
    options: [],
    overallGrades: [...FPMD],
    components: [
      { code: "PRJ", name: "Project report", grades: [...FPMD] },
      { code: "PD", name: "Professional discussion", grades: [...FPMD] },
    ],
    gradingRule: {
      combinations: [
        { when: { PRJ: "Pass" }, overall: "Pass" }, // Pass + Pass/Merit/Distinction
        { when: { PRJ: "Merit" }, overall: "Merit" }, // Merit + Pass/Merit/Distinction
        { when: { PRJ: "Distinction", PD: "Pass" }, overall: "Merit" },
        { when: { PRJ: "Distinction", PD: "Merit" }, overall: "Distinction" },
        { when: { PRJ: "Distinction", PD: "Distinction" }, overall: "Distinction" },
      ],
      fallback: "Pass",
    },
  },

  // Software developer — IfATE ST0116, Level 4, versions 1.0 (retired) and 1.1.
  // v1.1 EPA: work-based project with questioning + professional discussion underpinned by
  // portfolio, each with pass and distinction criteria (fail/pass/distinction).
  // (v1.0 used portfolio, synoptic project, employer reference and interview, graded holistically.)
  {
    reference: "ST0116",
    larsCode: 2, // unverified: LARS code not found in the sources consulted (recalled as 2)
    title: "Software developer",
    level: 4,
    versions: ["1.0", "1.1"],
    options: [],
    overallGrades: [...FPMD], // unverified: overall merit grade recalled, not seen in the plan
    components: [
      { code: "PRJ", name: "Work-based project with questioning", grades: [...FPD] },
      { code: "PD", name: "Professional discussion underpinned by portfolio", grades: [...FPD] },
    ],
    gradingRule: {
      // unverified: table not seen; pass + distinction = merit as in the other IfATE digital plans
      combinations: [
        { when: { PRJ: "Pass", PD: "Pass" }, overall: "Pass" },
        { when: { PRJ: "Pass", PD: "Distinction" }, overall: "Merit" },
        { when: { PRJ: "Distinction", PD: "Pass" }, overall: "Merit" },
        { when: { PRJ: "Distinction", PD: "Distinction" }, overall: "Distinction" },
      ],
      fallback: "Pass",
    },
  },

  // Retailer — IfATE ST0327 v1.2, Level 2, Lars code 101. Version log: 1.0 (approved 11/05/2016),
  // 1.1 (funding band review 2019), 1.2 (standard and EPA plan revised, starts from 29/05/2023).
  // v1.2 EPA: observation with questions + interview underpinned by a portfolio of evidence
  // (NQual). Re-sits are capped at Pass, so grades above Pass exist.
  {
    reference: "ST0327",
    larsCode: 101,
    title: "Retailer",
    level: 2,
    versions: ["1.0", "1.1", "1.2"],
    options: [],
    overallGrades: [...FPD], // unverified: overall scale not seen (grade above Pass confirmed)
    components: [
      // unverified: per-method grade scales not seen
      { code: "OBS", name: "Observation with questions", grades: [...FPD] },
      { code: "INT", name: "Interview underpinned by a portfolio of evidence", grades: [...FPD] },
    ],
    gradingRule: {
      // unverified: table not seen
      combinations: [
        { when: { OBS: "Pass", INT: "Pass" }, overall: "Pass" },
        { when: { OBS: "Pass", INT: "Distinction" }, overall: "Pass" },
        { when: { OBS: "Distinction", INT: "Pass" }, overall: "Pass" },
        { when: { OBS: "Distinction", INT: "Distinction" }, overall: "Distinction" },
      ],
      fallback: "Pass",
    },
  },

  // Installation and maintenance electrician — IfATE ST0152 v1.1, Level 3, Lars code 5, approved
  // 10 Sept 2015; NET is the sole EPAO and the EPA is its AM2S assessment (installation,
  // inspection & testing, safe isolation, fault diagnosis, assessment of applied knowledge).
  // Pass-only: the AM2 family of assessments is pass/fail.
  {
    reference: "ST0152",
    larsCode: 5,
    title: "Installation and maintenance electrician",
    level: 3,
    versions: ["1.0", "1.1"], // unverified: 1.0 inferred (1.1 seen); IfATE names a v1.2 successor, not listed as its approval was not seen
    // unverified: the original standard (v1.0) had installation / maintenance electrician options;
    // not confirmed for v1.1
    options: ["Installation electrician", "Maintenance electrician"],
    overallGrades: [...FP],
    components: [
      // unverified: split of AM2S into the plan's assessment methods and their names not seen
      { code: "PRAC", name: "Practical assessment (AM2S installation, inspection and testing, safe isolation, fault diagnosis)", grades: [...FP] },
      { code: "AAK", name: "Assessment of applied knowledge", grades: [...FP] },
    ],
    gradingRule: {
      combinations: [{ when: { PRAC: "Pass", AAK: "Pass" }, overall: "Pass" }],
      fallback: "Pass",
    },
  },

  // Digital learning designer — IfATE ST0974 v1.0, Level 5, Lars code 709, approved 25 May 2023.
  // EPA: professional discussion underpinned by portfolio + project with presentation and
  // questioning, each fail/pass/distinction; overall fail/pass/merit/distinction.
  {
    reference: "ST0974",
    larsCode: 709,
    title: "Digital learning designer",
    level: 5,
    versions: ["1.0"],
    options: [],
    overallGrades: [...FPMD],
    components: [
      { code: "PD", name: "Professional discussion underpinned by portfolio", grades: [...FPD] },
      { code: "PRJ", name: "Project with presentation, and questioning", grades: [...FPD] },
    ],
    gradingRule: {
      // unverified: table not seen; IfATE's usual pass + distinction = merit combination assumed
      combinations: [
        { when: { PD: "Pass", PRJ: "Pass" }, overall: "Pass" },
        { when: { PD: "Pass", PRJ: "Distinction" }, overall: "Merit" },
        { when: { PD: "Distinction", PRJ: "Pass" }, overall: "Merit" },
        { when: { PD: "Distinction", PRJ: "Distinction" }, overall: "Distinction" },
      ],
      fallback: "Pass",
    },
  },

  // Facilities management supervisor — IfATE ST0170 v1.1, Level 3, Lars code 162, approved
  // 17 Feb 2017. v1.1 EPA: project (report with presentation and questions) + professional
  // discussion underpinned by a portfolio of evidence, each fail/pass/distinction.
  {
    reference: "ST0170",
    larsCode: 162,
    title: "Facilities management supervisor",
    level: 3,
    versions: ["1.0", "1.1"], // unverified: 1.0 inferred from sequential numbering (1.1 seen)
    options: [],
    overallGrades: [...FPMD], // unverified: overall scale cut off in the page seen
    components: [
      { code: "PRJ", name: "Project: report with presentation and questions", grades: [...FPD] },
      { code: "PD", name: "Professional discussion underpinned by a portfolio of evidence", grades: [...FPD] },
    ],
    gradingRule: {
      // unverified: table not seen
      combinations: [
        { when: { PRJ: "Pass", PD: "Pass" }, overall: "Pass" },
        { when: { PRJ: "Pass", PD: "Distinction" }, overall: "Merit" },
        { when: { PRJ: "Distinction", PD: "Pass" }, overall: "Merit" },
        { when: { PRJ: "Distinction", PD: "Distinction" }, overall: "Distinction" },
      ],
      fallback: "Pass",
    },
  },

  // Operations or departmental manager (latest IfATE title "Operations manager") — ST0385, Level 5.
  // Current plan (ST0385/AP04): professional discussion underpinned by a portfolio of evidence +
  // project proposal, presentation and questioning, each pass..distinction (Skills First).
  // (The first plan used five methods: knowledge test, competency-based interview, portfolio,
  // work-based project, CPD discussion, scored out of 100.)
  {
    reference: "ST0385",
    larsCode: 104, // unverified: LARS code not found (Team leader, approved alongside it, is 105)
    title: "Operations or departmental manager",
    level: 5,
    versions: ["1.0", "1.1"], // unverified: version history not seen
    options: [],
    overallGrades: [...FPMD], // unverified: overall scale not seen in the sources consulted
    components: [
      { code: "PD", name: "Professional discussion underpinned by a portfolio of evidence", grades: [...FPD] },
      { code: "PRJ", name: "Project proposal, presentation and questioning", grades: [...FPD] },
    ],
    gradingRule: {
      // unverified: table not seen
      combinations: [
        { when: { PD: "Pass", PRJ: "Pass" }, overall: "Pass" },
        { when: { PD: "Pass", PRJ: "Distinction" }, overall: "Merit" },
        { when: { PD: "Distinction", PRJ: "Pass" }, overall: "Merit" },
        { when: { PD: "Distinction", PRJ: "Distinction" }, overall: "Distinction" },
      ],
      fallback: "Pass",
    },
  },
];
