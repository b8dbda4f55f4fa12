//! Event clusters across records: the same type, participants and a compatible date share a
//! cluster id; anything else gets a new one.

use trawl::events::Clusterer;
use trawl::ingest::Document;
use trawl::model::Event;
use trawl::pipeline::PipelineBuilder;

/// The first event of a sample report, with its participants and date set by the test.
fn sample_event() -> Event {
    let pipeline = PipelineBuilder::new().build().unwrap();
    let text =
        "Mexican police arrested 12 members of the Sinaloa Cartel in Culiacán on March 3, 2025.";
    let record = pipeline.process(&Document::from_text("a.txt", text.to_string()));
    record
        .events
        .into_iter()
        .next()
        .expect("the sample has an event")
}

fn with(event: &Event, targets: &[&str], date: Option<&str>) -> Event {
    let mut e = event.clone();
    e.targets = targets.iter().map(|t| t.to_string()).collect();
    e.date = date.map(str::to_string);
    e
}

#[test]
fn events_cluster_by_type_participants_and_compatible_date() {
    let base = sample_event();
    let mut events = [
        with(&base, &["gang:sinaloa", "country:MX"], Some("2025-03-03")),
        // The same participants in another order, a coarser date of the same month.
        with(
            &base,
            &["country:MX", "gang:sinaloa", "gang:sinaloa"],
            Some("2025-03"),
        ),
        // A range starting that day.
        with(
            &base,
            &["gang:sinaloa", "country:MX"],
            Some("2025-03-03/2025-03-05"),
        ),
        // Another day: another event.
        with(&base, &["gang:sinaloa", "country:MX"], Some("2025-04-10")),
        // No date: joins the first cluster of its participants.
        with(&base, &["gang:sinaloa", "country:MX"], None),
        // Other participants.
        with(&base, &["gang:cjng"], Some("2025-03-03")),
    ];
    let mut clusterer = Clusterer::new();
    clusterer.assign(&mut events[..3]);
    // A later record: state carries over.
    clusterer.assign(&mut events[3..]);
    let ids: Vec<&str> = events.iter().map(|e| e.cluster.as_str()).collect();
    assert_eq!(ids, ["c1", "c1", "c1", "c2", "c1", "c3"]);

    // No participants at all: never joined to anything.
    let mut lone = [with(&base, &[], Some("2025-03-03"))];
    lone[0].actors.clear();
    clusterer.assign(&mut lone);
    assert_eq!(lone[0].cluster, "c4");
}
