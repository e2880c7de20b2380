//! The real `puentes` binary: all-or-nothing import from the command line.

use crate::support;

use puentes::store::{GraphStore, MemoryStore, Snapshot};

fn puentes(args: &[&str], data_dir: &std::path::Path) -> std::process::Output {
    support::puentes()
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .output()
        .expect("run puentes")
}

/// What the data directory holds (opened after the command has ended).
async fn stored(data_dir: &std::path::Path) -> Snapshot {
    MemoryStore::open(data_dir)
        .expect("open")
        .snapshot()
        .await
        .expect("snapshot")
}

#[tokio::test]
async fn bad_rows_are_all_reported_and_the_store_is_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/hip");
    let ok = puentes(&["import", fixture], &data);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout)
        .contains("Imported 120 organizations, 287 ties; store revision is now 1."));
    let before = stored(&data).await;

    let bad = dir.path().join("bad");
    std::fs::create_dir_all(&bad).expect("mkdir");
    std::fs::write(
        bad.join("organizations.csv"),
        "id,name,country,partner,social_media_use\n\
         nueva-a,Nueva A,MX,true,2\n\
         Nueva B,Nueva B,MX,true,2\n\
         nueva-c,Nueva C,GTM,perhaps,9\n",
    )
    .expect("write");
    std::fs::write(
        bad.join("ties.csv"),
        "source,target,kind,strength,since,reported_by\n\
         nueva-a,casa-quetzal-nuevo,referral,3,2021,both\n\
         nueva-a,ghost,referral,3,2021,both\n\
         nueva-c,nueva-a,coalition,0,2031,everyone\n",
    )
    .expect("write");
    let out = puentes(&["import", bad.to_str().expect("utf-8 path")], &data);
    assert_eq!(out.status.code(), Some(2), "invalid input exits with 2");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "organizations.csv:3:1: id = \"Nueva B\"",
        "organizations.csv:4:3: country = \"GTM\"",
        "organizations.csv:4:4: partner = \"perhaps\"",
        "organizations.csv:4:5: social_media_use = \"9\"",
        "ties.csv:3:2: target = \"ghost\"",
        "ties.csv:4:4: strength = \"0\"",
        "ties.csv:4:6: reported_by = \"everyone\"",
        "nothing was imported",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
    let after = stored(&data).await;
    assert_eq!(after.revision, before.revision);
    assert_eq!(after.data, before.data);

    // The same problems in Spanish: positions and values as before, the words translated.
    let out = puentes(
        &["import", bad.to_str().expect("utf-8 path"), "--lang", "es"],
        &data,
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "organizations.csv:4:3: country = \"GTM\": se espera un código de país asignado por ISO 3166-1 alfa-2",
        "organizations.csv:4:4: partner = \"perhaps\": se espera true o false",
        "ties.csv:4:4: strength = \"0\": se espera un número entero de 1 a 5",
        "problema(s) en la entrada; no se importó nada",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
    assert!(!stderr.contains("expected"), "English left in:\n{stderr}");

    let dry = puentes(
        &["import", fixture, "--dry-run", "--mode", "replace"],
        &data,
    );
    assert!(String::from_utf8_lossy(&dry.stdout).contains("Dry run: nothing written."));
    let after = stored(&data).await;
    assert_eq!(after.revision, before.revision);
}

#[tokio::test]
async fn replacing_the_network_with_an_empty_file_needs_confirm_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/hip");
    assert!(puentes(&["import", fixture], &data).status.success());
    let empty = dir.path().join("empty.json");
    std::fs::write(&empty, "{}").expect("write");
    let empty = empty.to_str().expect("utf-8 path");

    let out = puentes(&["import", empty, "--mode", "replace"], &data);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("would delete the whole network (120 organizations, 287 ties)")
            && stderr.contains("--confirm-empty"),
        "{stderr}"
    );
    let kept = stored(&data).await;
    assert_eq!((kept.revision, kept.data.organizations.len()), (1, 120));

    let out = puentes(
        &["import", empty, "--mode", "replace", "--confirm-empty"],
        &data,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let emptied = stored(&data).await;
    assert!(emptied.data.organizations.is_empty());
}

#[test]
fn generate_writes_a_seeded_network_that_every_command_reads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a.txt.gz"), dir.path().join("b.txt.gz"));
    for out in [&a, &b] {
        let run = support::puentes()
            .args([
                "generate",
                "--nodes",
                "200",
                "--ties-per-node",
                "3",
                "--seed",
                "9",
            ])
            .arg("--out")
            .arg(out)
            .output()
            .expect("run");
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&run.stdout).trim(),
            format!(
                "Wrote 200 organizations and 594 ties to {} (seed 9).",
                out.display()
            )
        );
    }
    assert_eq!(std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
    let summary = support::puentes()
        .args(["summary", "--input"])
        .arg(&a)
        .output()
        .expect("run");
    assert!(
        summary.status.success(),
        "{}",
        String::from_utf8_lossy(&summary.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&summary.stdout).expect("json");
    assert_eq!(json["nodes"], 200);
    assert_eq!(json["ties"], 594);
    assert_eq!(json["components"], 1);
}

/// Issue 24, item 5: an export with restricted fields (contacts, exact coordinates) is
/// written readable by its owner only, also over an existing file; one without them is not
/// changed.
#[cfg(unix)]
#[test]
fn an_export_with_restricted_fields_is_written_for_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/hip");
    assert!(puentes(&["import", fixture], &data).status.success());
    let mode =
        |p: &std::path::Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    let restricted = dir.path().join("r.csv");
    std::fs::write(&restricted, "old").expect("write");
    std::fs::set_permissions(&restricted, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let out = support::puentes()
        .args(["export", "--format", "csv", "--include-restricted", "--out"])
        .arg(&restricted)
        .arg("--data-dir")
        .arg(&data)
        .output()
        .expect("run puentes");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&restricted), 0o600);
    let text = std::fs::read_to_string(&restricted).expect("read");
    assert!(
        text.starts_with("id,") && text.contains("contact"),
        "{}",
        &text[..200]
    );

    let public = dir.path().join("p.csv");
    std::fs::write(&public, "old").expect("write");
    std::fs::set_permissions(&public, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let out = support::puentes()
        .args(["export", "--format", "csv", "--out"])
        .arg(&public)
        .arg("--data-dir")
        .arg(&data)
        .output()
        .expect("run puentes");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&public), 0o644);
}

/// Issue 24, item 5: a command that only reads, given a data directory that does not exist
/// (a typo), says so and fails, instead of analysing an empty network; it creates nothing.
#[test]
fn a_read_only_command_on_a_missing_data_dir_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("puentes-dta");
    for command in [&["summary"][..], &["export", "--format", "csv"], &["gaps"]] {
        let out = support::puentes()
            .args(command)
            .arg("--data-dir")
            .arg(&missing)
            .env("PUENTES_LANG", "en")
            .output()
            .expect("run puentes");
        assert!(!out.status.success(), "{command:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!(
                "the data directory {} does not exist: nothing to read. Check --data-dir (or \
                 PUENTES_DATA_DIR), or create it with puentes import",
                missing.display()
            )),
            "{command:?}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "{command:?}");
    }
    assert!(!missing.exists());
}

/// Issue 24: `puentes import /dev/zero --format snap` grew to 24 GB. No input is read beyond
/// --max-input-bytes (256 MiB by default, the API's body limit): an endless device is refused
/// after that many bytes, a larger file before it is read, each naming the file and the
/// limit; nothing is written.
#[test]
fn an_input_larger_than_the_limit_is_refused_naming_the_file_and_the_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let started = std::time::Instant::now();
    let run = support::run_for_at_most(
        {
            let mut cmd = support::puentes();
            cmd.args(["import", "/dev/zero", "--format", "snap"])
                .args(["--max-input-bytes", "1000000", "--data-dir"])
                .arg(&data);
            cmd
        },
        std::time::Duration::from_secs(60),
    );
    assert_eq!(run.status.and_then(|s| s.code()), Some(1), "{run:?}");
    assert!(
        run.stderr.contains(
            "\"/dev/zero\" is larger than Puentes reads from one input: at most 1000000 bytes, \
             the same limit as an import through the API"
        ),
        "{}",
        run.stderr
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    assert!(!data.join("network.json").exists(), "nothing written");

    // A file over the limit (set here through the environment), in Spanish.
    let big = dir.path().join("big.txt");
    let lines: String = (0..100_000).map(|i| format!("{i} {}\n", i + 1)).collect();
    assert!(lines.len() > 1 << 20 && lines.len() < 2_000_000);
    std::fs::write(&big, lines).expect("write");
    let out = support::puentes()
        .args([
            "import",
            big.to_str().expect("utf-8"),
            "--lang",
            "es",
            "--data-dir",
        ])
        .arg(&data)
        .env("PUENTES_MAX_INPUT_BYTES", "1048576")
        .output()
        .expect("run puentes");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "es más grande de lo que Puentes lee de una entrada: como máximo 1048576 bytes (1 MiB)"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("big.txt"), "{stderr}");
    // Under the limit, the same file imports.
    let ok = support::puentes()
        .args([
            "import",
            big.to_str().expect("utf-8"),
            "--max-input-bytes",
            "2000000",
        ])
        .arg("--data-dir")
        .arg(&data)
        .output()
        .expect("run puentes");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}
