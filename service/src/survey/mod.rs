//! Surveys: the partners' survey export (Google Forms, KoboToolbox, SurveyMonkey; CSV or XLSX)
//! turned into a network, and [`generate`], synthetic exports with known truth that the survey
//! import's tests and the worked example in `fixtures/survey/` are built on.
pub mod generate;
