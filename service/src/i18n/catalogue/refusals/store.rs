//! Refusals of files and stores: what cannot be read, written, reached or listened on, the
//! data directory, a stored network file this version will not use, and writes that raced.

use super::Expected;
use crate::i18n::Lang::{self, En, Es};

/// The end of a refusal to use a stored file.
fn left_as_it_is(lang: Lang) -> &'static str {
    match lang {
        Lang::En => {
            "Puentes will not use it and has left it as it is: correct it or restore it from a \
             backup"
        }
        Lang::Es => {
            "Puentes no lo usará y lo ha dejado como estaba: corríjalo o restáurelo desde una \
             copia de seguridad"
        }
    }
}

/// [`super::Refusal::CannotRead`].
pub(super) fn cannot_read(path: &str, detail: &str, lang: Lang) -> String {
    match lang {
        En => format!("cannot read {path}: {detail}"),
        Es => format!("no se puede leer {path}: {detail}"),
    }
}

/// [`super::Refusal::NoDataDir`].
pub(super) fn no_data_dir(path: &str, lang: Lang) -> String {
    match lang {
        En => format!(
            "the data directory {path} does not exist: nothing to read. Check --data-dir \
             (or PUENTES_DATA_DIR), or create it with puentes import"
        ),
        Es => format!(
            "el directorio de datos {path} no existe: no hay nada que leer. Revise \
             --data-dir (o PUENTES_DATA_DIR), o créelo con puentes import"
        ),
    }
}

/// [`super::Refusal::CannotWrite`].
pub(super) fn cannot_write(path: &str, detail: &str, lang: Lang) -> String {
    match lang {
        En => format!("cannot write {path}: {detail}"),
        Es => {
            format!("no se puede escribir {path}: {detail}")
        }
    }
}

/// [`super::Refusal::CannotConnect`].
pub(super) fn cannot_connect(uri: &str, detail: &str, lang: Lang) -> String {
    match lang {
        En => {
            format!("cannot connect to Neo4j at {uri}: {detail}")
        }
        Es => {
            format!("no se puede conectar con Neo4j en {uri}: {detail}")
        }
    }
}

/// [`super::Refusal::CannotListen`].
pub(super) fn cannot_listen(addr: &str, detail: &str, lang: Lang) -> String {
    match lang {
        En => {
            format!("cannot listen on {addr}: {detail}")
        }
        Es => {
            format!("no se puede escuchar en {addr}: {detail}")
        }
    }
}

/// [`super::Refusal::WriteBackNeedsStore`].
pub(super) fn write_back_needs_store(lang: Lang) -> String {
    match lang {
        En => "--write-back needs --store neo4j (and no --input)".into(),
        Es => "--write-back requiere --store neo4j (y no --input)".into(),
    }
}

/// [`super::Refusal::WriteBackNeedsNeo4j`].
pub(super) fn write_back_needs_neo4j(lang: Lang) -> String {
    match lang {
        En => "metrics write-back needs the Neo4j store (serve \
                                         --store neo4j); this server uses the embedded store"
            .into(),
        Es => "escribir las métricas de vuelta requiere el \
                                         almacén Neo4j (serve --store neo4j); este servidor \
                                         usa el almacén integrado"
            .into(),
    }
}

/// [`super::Refusal::Changed`].
pub(super) fn changed(lang: Lang) -> String {
    match lang {
        En => "the network changed while this write was prepared; nothing \
                             was written; read it again and retry"
            .into(),
        Es => "la red cambió mientras se preparaba esta escritura; no se \
                             escribió nada; vuelva a leerla e inténtelo de nuevo"
            .into(),
    }
}

/// [`super::Refusal::ImportRunning`].
pub(super) fn import_running(lang: Lang) -> String {
    match lang {
        En => "another import is being written to the store; nothing \
                                   was written; retry when it has finished"
            .into(),
        Es => "se está escribiendo otra importación en el almacén; no \
                                   se escribió nada; vuelva a intentarlo cuando termine"
            .into(),
    }
}

/// [`super::Refusal::DirectoryInUse`].
pub(super) fn directory_in_use(dir: &str, pid: Option<u32>, lang: Lang) -> String {
    match lang {
        En => format!(
            "the data directory {dir} is in use by another Puentes process{}, and only one \
             process may write it: to change the network now, import through the running \
             server's API (POST /api/v1/import with the admin token) or stop it first",
            pid.map(|p| format!(" (pid {p})")).unwrap_or_default()
        ),
        Es => format!(
            "el directorio de datos {dir} lo usa otro proceso de Puentes{}, y solo un \
             proceso puede escribir en él: para cambiar la red ahora, importe por la API del \
             servidor en marcha (POST /api/v1/import con el token de administración) o \
             deténgalo antes",
            pid.map(|p| format!(" (pid {p})")).unwrap_or_default()
        ),
    }
}

/// [`super::Refusal::ReadOnlyOpen`].
pub(super) fn read_only_open(dir: &str, lang: Lang) -> String {
    match lang {
        En => {
            format!("{dir} was opened for reading only; nothing was written")
        }
        Es => {
            format!("{dir} se abrió solo para lectura; no se escribió nada")
        }
    }
}

/// [`super::Refusal::MergeRaced`].
pub(super) fn merge_raced(attempts: usize, lang: Lang) -> String {
    match lang {
        En => format!(
            "other writers changed the network during each of {attempts} attempts of this \
             merge; nothing was applied"
        ),
        Es => format!(
            "otros cambiaron la red durante cada uno de los {attempts} intentos de esta \
             fusión; no se aplicó nada"
        ),
    }
}

/// [`super::Refusal::StaleRevision`].
pub(super) fn stale_revision(asked: u64, current: u64, lang: Lang) -> String {
    match lang {
        En => {
            format!("metrics are for revision {asked} but the store is at {current}")
        }
        Es => {
            format!("las métricas son de la revisión {asked}, pero el almacén está en la {current}")
        }
    }
}

/// [`super::Refusal::NotANetworkFile`].
pub(super) fn not_a_network_file(path: &str, format: u32, detail: &str, lang: Lang) -> String {
    match lang {
        En => format!(
            "{path} is not a Puentes network file (format {format}): {detail}. {}",
            left_as_it_is(lang)
        ),
        Es => format!(
            "{path} no es un archivo de red de Puentes (formato {format}): {detail}. {}",
            left_as_it_is(lang)
        ),
    }
}

/// [`super::Refusal::UnknownFileFormat`].
pub(super) fn unknown_file_format(path: &str, found: u64, reads: u32, lang: Lang) -> String {
    match lang {
        En => format!(
            "{path} has format {found}, but this version of Puentes reads format {reads} \
             only (was it written by a newer version?); Puentes will not use it and has \
             left it as it is"
        ),
        Es => format!(
            "{path} tiene el formato {found}, pero esta versión de Puentes solo lee el \
             formato {reads} (¿lo escribió una versión más nueva?); Puentes no lo usará y \
             lo ha dejado como estaba"
        ),
    }
}

/// [`super::Refusal::FileBreaksModel`].
pub(super) fn file_breaks_model(
    path: &str,
    count: usize,
    shown: &[(String, String, String, Expected)],
    lang: Lang,
) -> String {
    let listed: Vec<String> = shown
        .iter()
        .map(|(record, field, value, expected)| match lang {
            En => format!(
                "{record}: {field} = {value}: expected {}",
                expected.render(lang)
            ),
            Es => format!(
                "{record}: {field} = {value}: se espera {}",
                expected.render(lang)
            ),
        })
        .collect();
    let first = if count > shown.len() {
        match lang {
            En => format!(" (the first {} shown)", shown.len()),
            Es => format!(" (se muestran los {} primeros)", shown.len()),
        }
    } else {
        String::new()
    };
    match lang {
        En => format!(
            "{path}: {count} record(s) break the data model's rules{first}: {}. {}",
            listed.join("; "),
            left_as_it_is(lang)
        ),
        Es => format!(
            "{path}: {count} registro(s) no cumplen las reglas del modelo de \
             datos{first}: {}. {}",
            listed.join("; "),
            left_as_it_is(lang)
        ),
    }
}

/// [`super::Refusal::StoredDataInvalid`].
pub(super) fn stored_data_invalid(
    problems: usize,
    field: &str,
    value: &str,
    expected: &Expected,
    lang: Lang,
) -> String {
    match lang {
        En => format!(
            "the stored network breaks the data model: {problems} problem(s); first: field \
             {field} = {value:?}: expected {}",
            expected.render(lang)
        ),
        Es => format!(
            "la red almacenada no cumple el modelo de datos: {problems} problema(s); el \
             primero: campo {field} = {value:?}: se espera {}",
            expected.render(lang)
        ),
    }
}
