//! Table-driven tests of the counts stage: every case in `tests/data/counts.toml` runs, every
//! failure is collected, and all are reported together.
//!
//! `TRAWL_CASE=<part of a name>` runs only the cases whose name contains it.

mod common;

use serde::Deserialize;
use trawl::counts::CountExtractor;
use trawl::model::{Lang, Qualifier};
use trawl::segment::Segmenter;

/// The whole table file.
type Table = common::Cases<Case>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    lang: String,
    text: String,
    #[serde(default)]
    countries: Vec<String>,
    #[serde(default)]
    counts: Vec<WantCount>,
    #[serde(default)]
    money: Vec<WantMoney>,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct WantCount {
    text: String,
    value: f64,
    #[serde(default)]
    value_max: Option<f64>,
    #[serde(default = "exact")]
    qualifier: String,
    #[serde(default)]
    what: Option<String>,
    #[serde(default)]
    unit: Option<String>,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct WantMoney {
    text: String,
    value: f64,
    #[serde(default)]
    value_max: Option<f64>,
    currency: String,
}

fn exact() -> String {
    "exact".into()
}

fn lang(code: &str) -> Lang {
    match code {
        "en" => Lang::EN,
        "es" => Lang::ES,
        "fr" => Lang::FR,
        "pt" => Lang::PT,
        other => panic!("unknown language {other}"),
    }
}

fn qualifier_name(q: Qualifier) -> String {
    q.as_str().to_string()
}

#[test]
fn counts_table() {
    let table: Table = common::read_table("counts.toml");
    let segmenter = Segmenter::new().unwrap();
    let extractor = CountExtractor::new().unwrap();
    let mut run = common::CaseRun::new();
    for case in &table.case {
        if !run.selects(&case.name) {
            continue;
        }
        let l = lang(&case.lang);
        let text = case.text.as_str();
        let segmented = segmenter.segment_in(text, Some(l));
        let view = segmented.view(text);
        let (counts, money) = extractor.extract(&view, &case.countries, &[]);
        for c in &counts {
            assert_eq!(&text[c.start..c.end], c.text, "{}: span", case.name);
        }
        for m in &money {
            assert_eq!(&text[m.start..m.end], m.text, "{}: span", case.name);
        }
        let got_counts: Vec<WantCount> = counts
            .iter()
            .map(|c| WantCount {
                text: c.text.clone(),
                value: c.value.0,
                value_max: c.value_max.map(|q| q.0),
                qualifier: qualifier_name(c.qualifier),
                what: c.what.clone(),
                unit: c.unit.clone(),
            })
            .collect();
        let got_money: Vec<WantMoney> = money
            .iter()
            .map(|m| WantMoney {
                text: m.text.clone(),
                value: m.value.0,
                value_max: m.value_max.map(|q| q.0),
                currency: m.currency.clone(),
            })
            .collect();
        // `what` is checked only when the case gives it.
        let counts_ok = got_counts.len() == case.counts.len()
            && got_counts.iter().zip(&case.counts).all(|(g, w)| {
                g.text == w.text
                    && g.value == w.value
                    && g.value_max == w.value_max
                    && g.qualifier == w.qualifier
                    && (w.what.is_none() || g.what == w.what)
                    && g.unit == w.unit
            });
        if !counts_ok {
            run.fail(format!(
                "{} [{}] {:?}\n    counts want {:?}\n    counts got  {:?}",
                case.name, case.lang, text, case.counts, got_counts
            ));
        }
        if got_money != case.money {
            run.fail(format!(
                "{} [{}] {:?}\n    money want {:?}\n    money got  {:?}",
                case.name, case.lang, text, case.money, got_money
            ));
        }
    }
    run.finish();
}
