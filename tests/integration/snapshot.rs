//! The sample's outputs pinned by value: `data.json`, the manifest's inputs and every
//! cell of the workbook, compared with committed snapshots, so that a refactoring that
//! changes a figure, a label or a cell fails here (issue 15).

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::common::Project;

/// Every non-empty cell of every sheet, one line each: `Sheet!A1<TAB>kind<TAB>value`.
fn workbook_cells(path: &std::path::Path) -> String {
    let mut book: Xlsx<_> = open_workbook(path).expect("the workbook opens with calamine");
    let mut out = String::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("sheet readable");
        let (row0, col0) = range.start().unwrap_or((0, 0));
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (kind, value) = match cell {
                    Data::Empty => continue,
                    Data::String(s) => ("s", s.clone()),
                    Data::Float(f) => ("n", f.to_string()),
                    Data::Int(i) => ("n", i.to_string()),
                    Data::Bool(b) => ("b", b.to_string()),
                    Data::DateTime(d) => ("d", d.as_f64().to_string()),
                    Data::DateTimeIso(s) => ("d", s.clone()),
                    Data::DurationIso(s) => ("t", s.clone()),
                    Data::Error(e) => ("e", format!("{e:?}")),
                };
                let cell_ref = rust_xlsxwriter::utility::row_col_to_cell(
                    row0 + r as u32,
                    (col0 + c as u32) as u16,
                );
                out.push_str(&format!(
                    "{name}!{cell_ref}\t{kind}\t{}\n",
                    value.replace('\n', "\\n")
                ));
            }
        }
    }
    out
}

#[test]
fn sample_outputs_match_their_snapshot() {
    let project = Project::sample();
    project.ok(&["build"]);
    let data = std::fs::read_to_string(project.report("data.json")).expect("data.json");
    insta::assert_snapshot!("sample_data_json", data);
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(project.report("manifest.json")).expect("manifest.json"),
    )
    .expect("manifest is JSON");
    insta::assert_snapshot!(
        "sample_manifest_inputs",
        serde_json::to_string_pretty(&manifest["inputs"]).expect("JSON")
    );
    insta::assert_snapshot!(
        "sample_workbook_cells",
        workbook_cells(&project.report("synthese.xlsx"))
    );
}
