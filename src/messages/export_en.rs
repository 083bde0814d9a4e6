//! English: the words of the workbook, the Word appendix and the dashboard.

use super::ExportWord;

pub fn word(w: ExportWord) -> &'static str {
    use ExportWord::*;
    match w {
        SheetAbout => "About",
        SheetDue => "Due",
        SheetOngoing => "Ongoing",
        SheetStatus => "Status",
        SheetRollup => "Roll-up",
        SheetDiff => "Diff",
        SheetFindings => "Findings",
        Repository => "Repository",
        Generated => "Generated on",
        Version => "kh version",
        Command => "Command",
        Field => "Field",
        Value => "Value",
        BandAchieved => "achieved",
        BandInProgress => "in progress",
        BandNotAchieved => "not achieved",
        BandNoData => "no data",
        DashboardTitle => "Digital transformation plans: progress",
        DashboardIntro => {
            "Every plan in the repository, from the national level down to schools, with the share of its targets met."
        }
        AllPlans => "All plans",
        TargetsMet => "Targets met",
        TargetsMetOf => "of",
        Targets => "Targets",
        Progress => "Progress",
        Band => "Band",
        History => "Achieved against target over time",
        DueNext => "Due in the next 90 days",
        NothingDue => "Nothing falls due in the next 90 days.",
        Findings => "Findings of kh check",
        NoFindings => "kh check finds nothing in this plan.",
        Back => "Back to all plans",
        AsOfDay => "Figures as of",
        Issuer => "Issuer",
        Level => "Level",
        Parent => "Implements",
        NoTargets => "This plan has no measurable targets.",
        NoHistory => "No values reported yet.",
        Print => "Print",
        LevelNational => "national",
        LevelProvince => "province",
        LevelDistrict => "district",
        LevelCommune => "commune",
        LevelSchool => "school",
        Summary => "Summary",
        Threshold => "Threshold",
        Achieved => "Achieved",
        Date => "Date",
        Severity => "Severity",
        Line => "Line",
        Message => "Message",
        Legend => "Legend",
        Number => "Number",
        NeedsOutput => "a workbook or document is a binary file: give -o FILE to write it",
    }
}
