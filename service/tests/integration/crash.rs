//! kill -9 during a large import, restart: the store holds the complete old or the complete
//! new network, never a torn file. Drives the real `puentes` binary.

use crate::support;

use puentes::store::{GraphStore, MemoryStore};
use std::io::Write;
use std::process::Stdio;
use std::time::Instant;

fn write_edge_list(path: &std::path::Path, n: usize, ties: usize) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    let mut x: u64 = 12345;
    let mut written = 0;
    while written < ties {
        // xorshift: deterministic, no dependency.
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let a = x % n as u64;
        let b = (x >> 32) % n as u64;
        if a != b {
            writeln!(f, "{a}\t{b}").expect("write");
            written += 1;
        }
    }
}

fn import(data_dir: &std::path::Path, file: &std::path::Path) -> std::process::Child {
    support::puentes()
        .args(["import", "--mode", "replace", "--data-dir"])
        .arg(data_dir)
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn puentes")
}

#[tokio::test]
async fn kill_9_during_import_leaves_old_or_new_network() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data_dir = dir.path().join("data");
    let small = dir.path().join("small.txt");
    let big = dir.path().join("big.txt");
    write_edge_list(&small, 50, 100);
    write_edge_list(&big, 20_000, 100_000);

    // The old network, and how long a full import of the big one takes.
    assert!(import(&data_dir, &small).wait().expect("wait").success());
    let old = MemoryStore::open(&data_dir)
        .expect("open")
        .snapshot()
        .await
        .expect("snapshot");
    let scratch = dir.path().join("scratch");
    let started = Instant::now();
    let mut child = import(&scratch, &big);
    let scratch_tmp = scratch.join("network.json.tmp");
    let mut writing_from = None;
    while child.try_wait().expect("poll").is_none() {
        if writing_from.is_none() && scratch_tmp.exists() {
            writing_from = Some(started.elapsed());
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let full = started.elapsed();
    let write_time = full - writing_from.expect("the import wrote a temp file");
    let new = MemoryStore::open(&scratch)
        .expect("open")
        .snapshot()
        .await
        .expect("snapshot");
    assert!(new.data.ties.len() > 90_000);

    let (mut saw_old, mut saw_new) = (0, 0);
    for i in 0..6u32 {
        // Reset to the old network, start the big import, wait until it is writing the new
        // file (the temp file appears), then kill it at a point spread over the write.
        std::fs::remove_dir_all(&data_dir).expect("reset");
        assert!(import(&data_dir, &small).wait().expect("wait").success());
        let mut child = import(&data_dir, &big);
        let tmp = data_dir.join("network.json.tmp");
        let deadline = Instant::now() + full * 3;
        while !tmp.exists() && Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        assert!(tmp.exists(), "the import never started writing");
        if i < 5 {
            std::thread::sleep(write_time.mul_f64(0.2 * f64::from(i)));
        } else {
            // Last round: right after the rename, before the process exits.
            while tmp.exists() && child.try_wait().expect("poll").is_none() {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
        }
        child.kill().expect("kill -9"); // SIGKILL on Unix
        child.wait().expect("reap");
        let got = MemoryStore::open(&data_dir)
            .expect("the store must reopen after kill -9")
            .snapshot()
            .await
            .expect("snapshot");
        if got.data.ties.len() == old.data.ties.len() {
            assert_eq!(*got.data, *old.data, "complete old network");
            saw_old += 1;
        } else {
            assert_eq!(
                got.data.ties.len(),
                new.data.ties.len(),
                "complete new network"
            );
            assert_eq!(got.data.organizations.len(), new.data.organizations.len());
            saw_new += 1;
        }
    }
    eprintln!("after kill -9: {saw_old} times the old network, {saw_new} times the new one (full import {full:?}, of which writing {write_time:?})");
    assert_eq!(saw_old + saw_new, 6);
    assert!(saw_old >= 1 && saw_new >= 1, "both outcomes were exercised");
}
