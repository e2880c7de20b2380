//! Refusals at the HTTP edge and of the server: routes and ids not found, tokens, the
//! limits on bodies, headers, time and requests, and a busy analysis queue.

use crate::i18n::Lang::{self, En, Es};
use std::time::Duration;

/// Why an analysis was refused as busy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BusyReason {
    /// `running` analyses run and `waiting` wait, the most the server queues.
    QueueFull {
        /// Analyses allowed to run at once.
        running: usize,
        /// Analyses allowed to wait.
        waiting: usize,
    },
    /// This analysis waited `waited` for one of `running` to finish.
    WaitedTooLong {
        /// How long it waited.
        waited: Duration,
        /// Analyses running.
        running: usize,
    },
    /// `running` what-ifs are computed and `waiting` wait (or waited too long): the what-if
    /// lane is full.
    WhatIfs {
        /// What-ifs computed at once.
        running: usize,
        /// What-ifs allowed to wait.
        waiting: usize,
    },
}

/// `4096 bytes (4 KiB)`, `268435456 bytes (256 MiB)`: a size as it is configured and as
/// people read it.
pub(super) fn bytes_and_units(n: usize, lang: Lang) -> String {
    const KIB: usize = 1 << 10;
    const MIB: usize = 1 << 20;
    // "bytes" is the same word in both languages.
    if n >= MIB && n.is_multiple_of(MIB) {
        format!("{n} bytes ({} MiB)", n / MIB)
    } else if n >= KIB && n.is_multiple_of(KIB) {
        format!("{n} bytes ({} KiB)", n / KIB)
    } else if n >= MIB {
        format!("{n} bytes ({} MiB)", lang.decimal(n as f64 / MIB as f64, 1))
    } else {
        format!("{n} bytes")
    }
}

/// A duration as a limit: whole seconds, or milliseconds.
fn limit_time(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
    }
}

/// [`super::Refusal::NoSuchRoute`].
pub(super) fn no_such_route(lang: Lang) -> String {
    match lang {
        En => "no such route; see /api/v1/docs".into(),
        Es => "no existe esa ruta; vea /api/v1/docs".into(),
    }
}

/// [`super::Refusal::NoOrganization`].
pub(super) fn no_organization(id: &str, lang: Lang) -> String {
    match lang {
        En => format!("no organization with id {id:?}"),
        Es => format!("ninguna organización tiene el id {id:?}"),
    }
}

/// [`super::Refusal::NoTie`].
pub(super) fn no_tie(kind: &str, source: &str, target: &str, lang: Lang) -> String {
    match lang {
        En => {
            format!("no {kind} tie between {source} and {target}")
        }
        Es => {
            format!("no hay un vínculo {kind} entre {source} y {target}")
        }
    }
}

/// [`super::Refusal::NeedsToken`].
pub(super) fn needs_token(lang: Lang) -> String {
    match lang {
        En => "this request needs the header Authorization: Bearer <token>".into(),
        Es => "esta petición necesita el encabezado Authorization: Bearer <token>".into(),
    }
}

/// [`super::Refusal::TokenNotAccepted`].
pub(super) fn token_not_accepted(lang: Lang) -> String {
    match lang {
        En => "the token is not accepted".into(),
        Es => "el token no se acepta".into(),
    }
}

/// [`super::Refusal::WritesDisabled`].
pub(super) fn writes_disabled(lang: Lang) -> String {
    match lang {
        En => "writes are disabled on this server: start it with \
                                    PUENTES_ADMIN_TOKEN set and send Authorization: Bearer \
                                    <that token>"
            .into(),
        Es => "este servidor no acepta escrituras: inícielo con \
                                    PUENTES_ADMIN_TOKEN y envíe Authorization: Bearer \
                                    <ese token>"
            .into(),
    }
}

/// [`super::Refusal::TokenMayNotWrite`].
pub(super) fn token_may_not_write(lang: Lang) -> String {
    match lang {
        En => "this token may not write".into(),
        Es => "este token no puede escribir".into(),
    }
}

/// [`super::Refusal::StoreUnavailable`].
pub(super) fn store_unavailable(lang: Lang) -> String {
    match lang {
        En => "the network store cannot be reached or cannot write \
                                      right now; nothing was changed; retry in a few seconds"
            .into(),
        Es => "no se puede acceder al almacén de la red o no puede \
                                      escribir ahora; no se cambió nada; vuelva a intentarlo \
                                      en unos segundos"
            .into(),
    }
}

/// [`super::Refusal::Busy`].
pub(super) fn busy(reason: &BusyReason, retry_after: u64, lang: Lang) -> String {
    match lang {
        En => {
            let reason = match reason {
                BusyReason::QueueFull { running, waiting } => format!(
                    "{running} analyses are running and {waiting} are waiting, the most \
                     this server queues"
                ),
                BusyReason::WaitedTooLong { waited, running } => format!(
                    "this analysis waited {} s for one of the {running} running to finish",
                    waited.as_secs_f64()
                ),
                BusyReason::WhatIfs { running, waiting } => format!(
                    "the server computes {running} new what-if at a time and {waiting}                      more are waiting or have waited too long (a what-if asked before is                      answered at once)"
                ),
            };
            format!(
                "the server is busy: {reason}; nothing was computed for this request. \
                 Retry in {retry_after} s (Retry-After)"
            )
        }
        Es => {
            let reason = match reason {
                BusyReason::QueueFull { running, waiting } => format!(
                    "hay {running} análisis en curso y {waiting} en espera, el máximo que \
                     admite este servidor"
                ),
                BusyReason::WaitedTooLong { waited, running } => format!(
                    "este análisis esperó {} s a que terminara uno de los {running} en curso",
                    Lang::Es.plain(waited.as_secs_f64())
                ),
                BusyReason::WhatIfs { running, waiting } => format!(
                    "el servidor calcula {running} simulación nueva a la vez y hay {waiting}                      más en espera o que esperaron demasiado (una simulación ya pedida se                      responde al instante)"
                ),
            };
            format!(
                "el servidor está ocupado: {reason}; no se calculó nada para esta petición. \
                 Vuelva a intentarlo en {retry_after} s (Retry-After)"
            )
        }
    }
}

/// [`super::Refusal::ConnectionsFull`].
pub(super) fn connections_full(limit: usize, lang: Lang) -> String {
    match lang {
        En => format!(
            "the server holds all the {} connections it serves at once; this one, kept for \
             health checks, answers only /health and /ready: nothing was done; retry in 1 s",
            lang.count(limit)
        ),
        Es => format!(
            "el servidor tiene ocupadas las {} conexiones que atiende a la vez; esta, \
             reservada para comprobar su estado, solo responde /health y /ready: no se hizo \
             nada; vuelva a intentarlo en 1 s",
            lang.count(limit)
        ),
    }
}

/// [`super::Refusal::TooManyRequests`].
pub(super) fn too_many_requests(retry_after: u64, lang: Lang) -> String {
    match lang {
        En => format!(
            "too many requests from this address: nothing was done; try again in \
             {retry_after} s"
        ),
        Es => format!(
            "demasiadas peticiones desde esta dirección: no se hizo nada; vuelva a intentarlo \
             en {retry_after} s"
        ),
    }
}

/// [`super::Refusal::Internal`].
pub(super) fn internal(lang: Lang) -> String {
    match lang {
        En => "internal error; it has been logged".into(),
        Es => "error interno; quedó registrado".into(),
    }
}

/// [`super::Refusal::PayloadTooLarge`].
pub(super) fn payload_too_large(limit: usize, lang: Lang) -> String {
    match lang {
        En => format!(
            "the request body is larger than this server accepts: at most {}; nothing was \
             read or written. Split the input into smaller imports",
            bytes_and_units(limit, lang)
        ),
        Es => format!(
            "el cuerpo de la petición es mayor de lo que acepta este servidor: como máximo \
             {}; no se leyó ni se escribió nada. Divida la entrada en importaciones más \
             pequeñas",
            bytes_and_units(limit, lang)
        ),
    }
}

/// [`super::Refusal::MethodNotAllowed`].
pub(super) fn method_not_allowed(method: &str, allowed: &str, lang: Lang) -> String {
    match lang {
        En if allowed.is_empty() => {
            format!("{method} is not allowed on this route")
        }
        En => {
            format!("{method} is not allowed on this route; allowed: {allowed}")
        }
        Es if allowed.is_empty() => {
            format!("{method} no está permitido en esta ruta")
        }
        Es => {
            format!("{method} no está permitido en esta ruta; se permite: {allowed}")
        }
    }
}

/// [`super::Refusal::RequestTimeout`].
pub(super) fn request_timeout(limit: Duration, lang: Lang) -> String {
    match lang {
        En => format!(
            "the request took longer than {} and was stopped",
            limit_time(limit)
        ),
        Es => format!("la petición tardó más de {} y se detuvo", limit_time(limit)),
    }
}

/// [`super::Refusal::BodyTooSlow`].
pub(super) fn body_too_slow(
    limit: Duration,
    min_bytes: u64,
    window: Duration,
    lang: Lang,
) -> String {
    match lang {
        En => format!(
            "the request body did not arrive whole within {}, or less than {} bytes of it \
             arrived in {}; the connection was closed. Send the whole body at once",
            limit_time(limit),
            lang.count(min_bytes as usize),
            limit_time(window)
        ),
        Es => format!(
            "el cuerpo de la petición no llegó entero en {}, o llegaron menos de {} bytes en \
             {}; se cerró la conexión. Envíe el cuerpo entero de una vez",
            limit_time(limit),
            lang.count(min_bytes as usize),
            limit_time(window)
        ),
    }
}

/// [`super::Refusal::UnsupportedMediaType`].
pub(super) fn unsupported_media_type(sent: &str, expected: &str, lang: Lang) -> String {
    match lang {
        En if sent.is_empty() => {
            format!("the request has no Content-Type: send the body as {expected}")
        }
        Es if sent.is_empty() => {
            format!("la petición no tiene Content-Type: envíe el cuerpo como {expected}")
        }
        En => {
            format!("Content-Type \"{sent}\" is not accepted here: send the body as {expected}")
        }
        Es => {
            format!("aquí no se acepta Content-Type \"{sent}\": envíe el cuerpo como {expected}")
        }
    }
}

/// [`super::Refusal::UriTooLong`].
pub(super) fn uri_too_long(limit: usize, lang: Lang) -> String {
    match lang {
        En => format!(
            "the request path and query are longer than {}",
            bytes_and_units(limit, lang)
        ),
        Es => format!(
            "la ruta y la consulta de la petición superan {}",
            bytes_and_units(limit, lang)
        ),
    }
}

/// [`super::Refusal::HeadersTooLarge`].
pub(super) fn headers_too_large(limit: usize, count: usize, lang: Lang) -> String {
    match lang {
        En => format!(
            "the request headers are larger than {} in total, or more than {count}",
            bytes_and_units(limit, lang)
        ),
        Es => format!(
            "los encabezados de la petición superan {} en total, o son más de {count}",
            bytes_and_units(limit, lang)
        ),
    }
}

/// [`super::Refusal::RepeatedHeader`].
pub(super) fn repeated_header(name: &str, lang: Lang) -> String {
    match lang {
        En => {
            format!("the {name} header was sent more than once: send it once")
        }
        Es => {
            format!("el encabezado {name} se envió más de una vez: envíelo una sola vez")
        }
    }
}

/// [`super::Refusal::MalformedPath`].
pub(super) fn malformed_path(lang: Lang) -> String {
    match lang {
        En => "malformed path: a %-escape in it is not UTF-8 text".into(),
        Es => "ruta mal formada: una secuencia % de la ruta no es texto UTF-8".into(),
    }
}

/// [`super::Refusal::UnreadableBody`].
pub(super) fn unreadable_body(detail: &str, lang: Lang) -> String {
    match lang {
        En => {
            format!("the request body cannot be read: {detail}")
        }
        Es => {
            format!("no se puede leer el cuerpo de la petición: {detail}")
        }
    }
}
