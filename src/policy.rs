//! s2n-tls's named security policies (`s2n_config_set_cipher_preferences`), as data: for every
//! name s2n-tls 0.3.47 accepts, the lowest protocol version and the cipher suites, key
//! exchange groups and signature schemes it allows, in s2n's preference order, by IANA code
//! point. Lists that several policies share are stated once.
//!
//! The table lists what each policy allows, including algorithms we do not implement (CBC
//! and RSA-key-exchange suites, SHA-1 signatures, ...); `crate::policy::implemented` is the
//! filter applied when a policy configures a connection. Group lists hold s2n's hybrid
//! post-quantum groups first, then its ECC curves, which is how s2n orders its offer.

/// One s2n security policy.
pub struct SecurityPolicy {
    pub name: &'static str,
    /// Lowest protocol version allowed, as the wire value (0x0300 SSLv3 .. 0x0304 TLS 1.3).
    pub min_version: u16,
    pub cipher_suites: &'static [u16],
    pub groups: &'static [u16],
    pub signature_schemes: &'static [u16],
    /// Signature schemes allowed in certificates, when the policy restricts them.
    pub certificate_signature_schemes: Option<&'static [u16]>,
    /// Public keys allowed in certificates, when the policy restricts them.
    pub certificate_keys: Option<&'static [CertificateKey]>,
    /// Whether our own certificates must follow the certificate rules too.
    pub certificate_rules_apply_locally: bool,
}

/// A public key a policy allows in certificates (s2n's certificate key preferences): the
/// algorithm and its size in bits (the RSA modulus, the curve's field).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CertificateKey {
    Ecdsa(u32),
    Rsa(u32),
    RsaPss(u32),
    MlDsa87,
}

/// What a policy asks of certificates: those of peers always, ours when `apply_locally`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CertificateRules {
    /// Schemes (IANA code points) certificates may be signed with; self-signed ones are exempt.
    pub signature_schemes: Option<&'static [u16]>,
    pub keys: Option<&'static [CertificateKey]>,
    pub apply_locally: bool,
}

impl CertificateRules {
    /// Whether there is anything to check (most policies leave certificates alone).
    pub fn apply(&self) -> bool {
        self.signature_schemes.is_some() || self.keys.is_some()
    }
}

impl SecurityPolicy {
    pub fn certificate_rules(&self) -> CertificateRules {
        CertificateRules {
            signature_schemes: self.certificate_signature_schemes,
            keys: self.certificate_keys,
            apply_locally: self.certificate_rules_apply_locally,
        }
    }
}

/// RFC 9151 (CNSA 1.0): P-384, or RSA of 3072 or 4096 bits.
static KEYS_RFC9151: &[CertificateKey] = &[
    CertificateKey::Ecdsa(384),
    CertificateKey::Rsa(3072),
    CertificateKey::Rsa(4096),
    CertificateKey::RsaPss(3072),
    CertificateKey::RsaPss(4096),
];
/// CNSA 2.0: ML-DSA-87 only.
static KEYS_CNSA2: &[CertificateKey] = &[CertificateKey::MlDsa87];

/// The policy s2n calls `name` (compared case-insensitively, as s2n does).
pub fn lookup(name: &str) -> Option<&'static SecurityPolicy> {
    POLICIES.iter().find(|p| p.name.eq_ignore_ascii_case(name))
}

/// Names s2n-tls retired: asking for one is `S2N_ERR_DEPRECATED_SECURITY_POLICY` rather than
/// an unknown name.
pub fn is_deprecated(name: &str) -> bool {
    const DEPRECATED: &[&str] = &[
        "KMS-PQ-TLS-1-0-2019-06",
        "KMS-PQ-TLS-1-0-2020-02",
        "KMS-PQ-TLS-1-0-2020-07",
        "PQ-TLS-1-0-2020-12",
        "PQ-TLS-1-1-2021-05-17",
        "PQ-TLS-1-0-2021-05-18",
        "PQ-TLS-1-0-2021-05-19",
        "PQ-TLS-1-0-2021-05-20",
        "PQ-TLS-1-1-2021-05-21",
        "PQ-TLS-1-0-2021-05-22",
        "PQ-TLS-1-0-2021-05-23",
        "PQ-TLS-1-0-2021-05-24",
        "PQ-TLS-1-0-2021-05-25",
        "PQ-TLS-1-0-2021-05-26",
        "PQ-TLS-1-0-2023-01-24",
        "PQ-TLS-1-2-2023-04-07",
        "PQ-TLS-1-2-2023-04-08",
        "PQ-TLS-1-2-2023-04-09",
        "PQ-TLS-1-2-2023-04-10",
        "PQ-TLS-1-3-2023-06-01",
        "PQ-TLS-1-2-2023-10-07",
        "PQ-TLS-1-2-2023-10-08",
        "PQ-TLS-1-2-2023-10-09",
        "PQ-TLS-1-2-2023-10-10",
        "PQ-TLS-1-2-2023-12-13",
        "PQ-TLS-1-2-2023-12-14",
        "PQ-TLS-1-2-2023-12-15",
        "PQ-SIKE-TEST-TLS-1-0-2019-11",
        "PQ-SIKE-TEST-TLS-1-0-2020-02",
        "20240730",
    ];
    DEPRECATED.iter().any(|d| d.eq_ignore_ascii_case(name))
}

pub fn all() -> &'static [SecurityPolicy] {
    POLICIES
}

/// A policy reduced to what we implement, ready to configure connections with.
pub struct Implemented {
    pub min_version: u16,
    pub max_version: u16,
    pub tls13_suites: Vec<&'static crate::suites::Tls13Suite>,
    pub tls12_suites: Vec<&'static crate::suites::Tls12Suite>,
    pub groups: Vec<crate::kx::NamedGroup>,
    pub schemes: Vec<crate::sign::SignatureScheme>,
    pub certificate_rules: CertificateRules,
}

/// The parts of `policy` we implement, in its order. TLS 1.3 is allowed when the policy has
/// TLS 1.3 suites; versions below TLS 1.2 are not implemented and so never negotiated.
pub fn implemented(policy: &SecurityPolicy) -> Implemented {
    let tls13_suites: Vec<_> = policy.cipher_suites.iter().filter_map(|&s| crate::suites::tls13_suite(s)).collect();
    Implemented {
        min_version: policy.min_version.max(crate::msgs::TLS12),
        max_version: if tls13_suites.is_empty() { crate::msgs::TLS12 } else { crate::msgs::TLS13 },
        tls13_suites,
        tls12_suites: policy.cipher_suites.iter().filter_map(|&s| crate::suites::tls12_suite(s)).collect(),
        groups: policy.groups.iter().filter_map(|&g| crate::kx::NamedGroup::from_iana(g)).collect(),
        schemes: policy.signature_schemes.iter().filter_map(|&s| crate::sign::SignatureScheme::from_iana(s)).collect(),
        certificate_rules: policy.certificate_rules(),
    }
}

static GROUPS_0: &[u16] = &[0x11ec, 0x11eb, 0x11ed, 0x0017, 0x001d, 0x0018, 0x0019];
static GROUPS_1: &[u16] = &[0x0017, 0x001d, 0x0018, 0x0019];
static GROUPS_2: &[u16] = &[0x11ec, 0x11eb, 0x11ed, 0x0017, 0x0018, 0x0019];
static GROUPS_3: &[u16] = &[0x001d, 0x0017, 0x0018];
static GROUPS_4: &[u16] = &[0x0017, 0x0018, 0x0019];
static GROUPS_5: &[u16] = &[0x0017, 0x0018];
static GROUPS_6: &[u16] = &[0x11ec, 0x11eb, 0x0017, 0x001d, 0x0018, 0x0019];
static GROUPS_7: &[u16] = &[0x0017, 0x001d];
static GROUPS_8: &[u16] = &[0x0202, 0x0018];
static GROUPS_9: &[u16] = &[0x0202, 0x0018, 0x0017, 0x0019];
static GROUPS_10: &[u16] = &[0x0018];
static GROUPS_11: &[u16] = &[0x0018, 0x0017, 0x0019];
static GROUPS_12: &[u16] = &[0x11ec, 0x11eb, 0x11ed, 0x001d, 0x0017, 0x0018, 0x0019];
static GROUPS_13: &[u16] = &[0x0017, 0x001d, 0x0018];
static GROUPS_14: &[u16] = &[0x11ec, 0x11eb, 0x11ed, 0x0017, 0x001d, 0x0018];
static GROUPS_15: &[u16] = &[0x11ec, 0x11eb, 0x001d, 0x0017, 0x0018];
static GROUPS_16: &[u16] = &[0x11ec, 0x11eb, 0x0017, 0x0018];
static GROUPS_17: &[u16] = &[0x11ec, 0x11eb, 0x11ed, 0x001d, 0x0017, 0x0018];
static GROUPS_18: &[u16] = &[0x11ec, 0x11eb, 0x0017, 0x0018, 0x0019];
static GROUPS_19: &[u16] = &[0x001d, 0x0017, 0x0018, 0x0019];
static GROUPS_20: &[u16] = &[0x0202];
static GROUPS_21: &[u16] = &[];
static SCHEMES_0: &[u16] =
    &[0x0403, 0x0503, 0x0603, 0x0809, 0x080a, 0x080b, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601];
static SCHEMES_1: &[u16] =
    &[0x0809, 0x080a, 0x080b, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0301, 0x0403, 0x0503, 0x0603, 0x0303];
static SCHEMES_2: &[u16] = &[
    0x0904, 0x0905, 0x0906, 0x0403, 0x0503, 0x0603, 0x0809, 0x080a, 0x080b, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501,
    0x0601,
];
static SCHEMES_3: &[u16] = &[
    0x0904, 0x0905, 0x0906, 0x0809, 0x080a, 0x080b, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0301, 0x0403,
    0x0503, 0x0603, 0x0303,
];
static SCHEMES_4: &[u16] = &[
    0x0809, 0x080a, 0x080b, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0301, 0x0403, 0x0503, 0x0603, 0x0303,
    0x0201, 0x0203,
];
static SCHEMES_5: &[u16] =
    &[0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0403, 0x0503, 0x0603, 0x0809, 0x080a, 0x080b];
static SCHEMES_6: &[u16] = &[0x0401, 0x0501, 0x0601, 0x0403, 0x0503, 0x0603, 0x0303];
static SCHEMES_7: &[u16] =
    &[0x0809, 0x080a, 0x080b, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0403, 0x0503, 0x0603, 0x0201, 0x0203];
static SCHEMES_8: &[u16] = &[0x0401, 0x0501, 0x0601, 0x0301, 0x0403, 0x0503, 0x0603, 0x0303, 0x0201, 0x0203];
static SCHEMES_9: &[u16] = &[0x0906, 0x0503, 0x080a, 0x0805, 0x0501];
static SCHEMES_10: &[u16] = &[0x0906, 0x0503, 0x0501];
static SCHEMES_11: &[u16] =
    &[0x0906, 0x0503, 0x080a, 0x0805, 0x0501, 0x0403, 0x0809, 0x0804, 0x0401, 0x0603, 0x080b, 0x0806, 0x0601];
static SCHEMES_12: &[u16] =
    &[0x0403, 0x0503, 0x0603, 0x0303, 0x0809, 0x080a, 0x080b, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0301];
static SCHEMES_13: &[u16] = &[0x0503, 0x080a, 0x0805, 0x0501];
static SCHEMES_14: &[u16] = &[0x0503, 0x0501];
static SCHEMES_15: &[u16] =
    &[0x0503, 0x080a, 0x0805, 0x0501, 0x0403, 0x0809, 0x0804, 0x0401, 0x0603, 0x080b, 0x0806, 0x0601];
static SCHEMES_16: &[u16] = &[
    0x0403, 0x0503, 0x0603, 0x0303, 0x0809, 0x080a, 0x080b, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0301,
    0x0201, 0x0203,
];
static SCHEMES_17: &[u16] = &[
    0x0904, 0x0905, 0x0906, 0x0403, 0x0503, 0x0603, 0x0303, 0x0809, 0x080a, 0x080b, 0x0804, 0x0805, 0x0806, 0x0401,
    0x0501, 0x0601, 0x0301, 0x0201, 0x0203,
];
static SCHEMES_18: &[u16] =
    &[0x0809, 0x080a, 0x080b, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0403, 0x0503, 0x0603];
static SCHEMES_19: &[u16] = &[0x0501, 0x0601, 0x0503, 0x0603];
static SCHEMES_20: &[u16] = &[0x0906];
static SCHEMES_21: &[u16] =
    &[0x0906, 0x0403, 0x0503, 0x0603, 0x0809, 0x080a, 0x080b, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601];
static SCHEMES_22: &[u16] = &[
    0x0906, 0x0809, 0x080a, 0x080b, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0301, 0x0403, 0x0503, 0x0603,
    0x0303,
];
static SCHEMES_23: &[u16] = &[
    0x0403, 0x0503, 0x0603, 0x0809, 0x080a, 0x080b, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0301, 0x0203,
    0x0201,
];
static SCHEMES_24: &[u16] = &[
    0xffff, 0x0201, 0x0301, 0x0401, 0x0501, 0x0601, 0x0203, 0x0303, 0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806,
    0x0809, 0x080a, 0x080b, 0x0904, 0x0905, 0x0906,
];
static SCHEMES_25: &[u16] = &[
    0x0809, 0x080a, 0x080b, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0301, 0x0403, 0x0503, 0x0603, 0x0303,
    0x0904, 0x0905, 0x0906,
];
static SCHEMES_26: &[u16] = &[];
static SUITES_0: &[u16] = &[0x1301, 0x1302, 0x1303, 0xc02b, 0xc02c, 0xc02f, 0xc030];
static SUITES_1: &[u16] =
    &[0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc024, 0xc028, 0xc023, 0xc027];
static SUITES_2: &[u16] = &[0x1301, 0x1302, 0xc02b, 0xc02c, 0xc02f, 0xc030];
static SUITES_3: &[u16] = &[
    0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc023, 0xc027, 0xc009, 0xc013, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc024,
    0xc028, 0xc00a, 0xc014, 0x009c, 0x009d, 0x003c, 0x0035, 0x002f,
];
static SUITES_4: &[u16] = &[0xc02b, 0xc02c, 0xc023, 0xc024, 0xc02f, 0xc030, 0xc027, 0xc028];
static SUITES_5: &[u16] = &[0x1301, 0x1302, 0xc02b, 0xc02c, 0xc023, 0xc024, 0xc02f, 0xc030, 0xc027, 0xc028];
static SUITES_6: &[u16] = &[
    0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc009, 0xc013, 0xc023, 0xc027, 0xc00a,
    0xc014, 0x009c, 0x003c, 0x002f,
];
static SUITES_7: &[u16] =
    &[0xc02b, 0xc02c, 0xc023, 0xc024, 0xc02f, 0xc030, 0xc027, 0xc028, 0x0067, 0x006b, 0x009e, 0x009f];
static SUITES_8: &[u16] = &[0x1301, 0x1302, 0x1303, 0xc02c, 0xc02f];
static SUITES_9: &[u16] = &[0x1301, 0x1302, 0x1303, 0xc02c, 0xc02f, 0x002f, 0x0035];
static SUITES_10: &[u16] =
    &[0x1301, 0x1302, 0x1303, 0xc02c, 0xc02f, 0x009c, 0x003c, 0x002f, 0xc009, 0xc027, 0xc013, 0x0035];
static SUITES_11: &[u16] = &[0x1301, 0x1302, 0x1303, 0xc02c, 0xc02f, 0x009c, 0x003c, 0x002f, 0xc009, 0xc027, 0xc013];
static SUITES_12: &[u16] = &[
    0xc02b, 0xc02f, 0xc023, 0xc027, 0xc009, 0xc013, 0xc02c, 0xc030, 0xc024, 0xc028, 0xc00a, 0xc014, 0x009c, 0x003c,
    0x002f, 0x009d, 0x003d, 0x0035, 0x000a,
];
static SUITES_13: &[u16] = &[
    0xc02b, 0xc02f, 0xc023, 0xc027, 0xc009, 0xc013, 0xc02c, 0xc030, 0xc024, 0xc028, 0xc00a, 0xc014, 0x009c, 0x003c,
    0x002f, 0x009d, 0x003d, 0x0035,
];
static SUITES_14: &[u16] =
    &[0xc02b, 0xc02f, 0xc023, 0xc027, 0xc02c, 0xc030, 0xc024, 0xc028, 0x009c, 0x003c, 0x009d, 0x003d];
static SUITES_15: &[u16] =
    &[0xc02b, 0xc02f, 0xc023, 0xc027, 0xc009, 0xc013, 0xc02c, 0xc030, 0xc024, 0xc028, 0xc00a, 0xc014];
static SUITES_16: &[u16] = &[0xc02b, 0xc02f, 0xc023, 0xc027, 0xc02c, 0xc030, 0xc024, 0xc028];
static SUITES_17: &[u16] = &[0x1302];
static SUITES_18: &[u16] = &[0x1302, 0xc02c, 0xc030];
static SUITES_19: &[u16] = &[
    0x1302, 0x1301, 0xc02c, 0xc030, 0xc024, 0xc028, 0xc00a, 0xc014, 0xc02b, 0xc02f, 0xc023, 0xc027, 0xc009, 0xc013,
    0x009d, 0x003d, 0x0035, 0x009c, 0x003c, 0x002f,
];
static SUITES_20: &[u16] = &[0xc02b, 0xc02f, 0xc02c, 0xc030];
static SUITES_21: &[u16] = &[
    0xc02b, 0xc02f, 0xc023, 0xc027, 0xc009, 0xc013, 0xc02c, 0xc030, 0xc024, 0xc028, 0xc00a, 0xc014, 0x009c, 0x003c,
    0x002f, 0x009d, 0x003d, 0x0035, 0x000a, 0x0033, 0x0039, 0x0016, 0xc011, 0x0005,
];
static SUITES_22: &[u16] = &[
    0xc02b, 0xc02f, 0xc023, 0xc027, 0xc009, 0xc013, 0xc02c, 0xc024, 0xc00a, 0xc014, 0x009c, 0x003c, 0x002f, 0x009d,
    0x003d, 0x0035,
];
static SUITES_23: &[u16] = &[
    0x1301, 0x1302, 0xc02b, 0xc02f, 0xc023, 0xc027, 0xc009, 0xc013, 0xc02c, 0xc030, 0xc024, 0xc028, 0xc00a, 0xc014,
    0x009c, 0x003c, 0x002f, 0x009d, 0x003d, 0x0035,
];
static SUITES_24: &[u16] = &[0x1301, 0x1302, 0xc02b, 0xc02f, 0xc023, 0xc027, 0xc02c, 0xc030, 0xc024, 0xc028];
static SUITES_25: &[u16] =
    &[0x1301, 0x1302, 0xc02b, 0xc02f, 0xc023, 0xc027, 0xc009, 0xc013, 0xc02c, 0xc030, 0xc024, 0xc028, 0xc00a, 0xc014];
static SUITES_26: &[u16] =
    &[0x1301, 0x1302, 0xc02b, 0xc02f, 0xc023, 0xc027, 0xc02c, 0xc030, 0xc024, 0xc028, 0x009c, 0x003c, 0x009d, 0x003d];
static SUITES_27: &[u16] = &[0x1301, 0x1302, 0xc02b, 0xc02f, 0xc02c, 0xc030];
static SUITES_28: &[u16] = &[0x1301, 0x1302];
static SUITES_29: &[u16] = &[0x1302, 0xc02c, 0xc030, 0x009d];
static SUITES_30: &[u16] = &[0x1302, 0x1301, 0xc02c, 0xc030, 0xc02b, 0xc02f];
static SUITES_31: &[u16] = &[0x1302, 0x1301, 0xc02c, 0xc030, 0xc024, 0xc028, 0xc02b, 0xc02f, 0xc023, 0xc027];
static SUITES_32: &[u16] =
    &[0x1302, 0x1301, 0xc02c, 0xc030, 0xc024, 0xc028, 0xc00a, 0xc014, 0xc02b, 0xc02f, 0xc023, 0xc027, 0xc009, 0xc013];
static SUITES_33: &[u16] = &[0xc02c, 0xc030];
static SUITES_34: &[u16] = &[0xc02c, 0xc030, 0x009d];
static SUITES_35: &[u16] = &[
    0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc023, 0xc027, 0xc009, 0xc013, 0xc02c, 0xc030, 0xc024, 0xc028, 0xc00a,
    0xc014, 0x009c, 0x003c, 0x002f, 0x009d, 0x003d, 0x0035,
];
static SUITES_36: &[u16] = &[0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc023, 0xc027, 0xc02c, 0xc030, 0xc024, 0xc028];
static SUITES_37: &[u16] = &[0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030];
static SUITES_38: &[u16] = &[
    0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc023, 0xc027, 0xc02c, 0xc030, 0xc024, 0xc028, 0x009c, 0x003c, 0x009d,
    0x003d,
];
static SUITES_39: &[u16] = &[0x1301, 0x1302, 0x1303];
static SUITES_40: &[u16] = &[
    0xc02c, 0xc030, 0xc02b, 0xc02f, 0xc024, 0xc028, 0xc00a, 0xc014, 0xc023, 0xc027, 0xc009, 0xc013, 0x009d, 0x009c,
    0x0035, 0x003c, 0x002f, 0x000a, 0x0004,
];
static SUITES_41: &[u16] = &[
    0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xc023, 0xc027, 0xc024, 0xc028, 0xc009, 0xc013, 0xc00a,
    0xc014, 0x009c, 0x009d, 0x003c, 0x002f, 0x0035, 0x000a, 0x0004,
];
static SUITES_42: &[u16] = &[
    0x1301, 0x1302, 0x1303, 0xc02f, 0xc027, 0xc013, 0xc030, 0xcca8, 0xc028, 0xc014, 0x009c, 0x009d, 0x003c, 0x0035,
    0x002f, 0x000a, 0x0004,
];
static SUITES_43: &[u16] = &[
    0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc023, 0xc027, 0xc009, 0xc013, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc024,
    0xc028, 0xc00a, 0xc014, 0x009c, 0x009d, 0x003c, 0x0035, 0x002f, 0x000a,
];
static SUITES_44: &[u16] = &[
    0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc023, 0xc027, 0xc009, 0xc013, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc024,
    0xc028, 0xc00a, 0xc014, 0x009c, 0x009d, 0x003c, 0x002f, 0x003d, 0x0035, 0x000a,
];
static SUITES_45: &[u16] = &[
    0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc023, 0xc027, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc024, 0xc028, 0xc00a,
    0xc014, 0xc009, 0xc013, 0x009c, 0x009d, 0x003c,
];
static SUITES_46: &[u16] = &[
    0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc023, 0xc027, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc024, 0xc028, 0x009c,
    0x009d, 0x003c,
];
static SUITES_47: &[u16] = &[0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8];
static SUITES_48: &[u16] = &[0x1301, 0x1302, 0x1303, 0xc02f, 0xc027, 0xc030, 0xcca8, 0xc028, 0x009c, 0x009d, 0x003c];
static SUITES_49: &[u16] = &[
    0xc02b, 0xc02f, 0xc023, 0xc027, 0xc009, 0xc013, 0xc02c, 0xc030, 0xc024, 0xc028, 0xc00a, 0xc014, 0x009c, 0x009d,
    0x003c, 0x0035, 0x002f, 0x000a, 0x0004,
];
static SUITES_50: &[u16] = &[
    0xc02b, 0xc02f, 0xc023, 0xc027, 0xc009, 0xc013, 0xc02c, 0xc030, 0xc024, 0xc028, 0xc00a, 0xc014, 0x009c, 0x009d,
    0x003c, 0x0035, 0x002f, 0x000a,
];
static SUITES_51: &[u16] = &[
    0xc02b, 0xc02f, 0xc023, 0xc027, 0xc009, 0xc013, 0xc02c, 0xc030, 0xc024, 0xc028, 0xc00a, 0xc014, 0x009c, 0x009d,
    0x003c, 0x0035, 0x002f,
];
static SUITES_52: &[u16] = &[0xc02b, 0xc02f, 0xc023, 0xc027, 0xc02c, 0xc030, 0xc024, 0xc028, 0x009c, 0x009d, 0x003c];
static SUITES_53: &[u16] = &[0xc02b, 0xc02f, 0xc02c, 0xc030, 0xc024, 0xc028, 0xc023, 0xc027];
static SUITES_54: &[u16] = &[
    0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc023, 0xc027, 0xc024, 0xc028, 0xc009,
    0xc013, 0xc00a, 0xc014, 0x009c, 0x009d, 0x003c, 0x003d, 0x002f, 0x0035, 0x000a, 0x0004,
];
static SUITES_55: &[u16] = &[
    0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc023, 0xc027, 0xc024, 0xc028, 0xc009,
    0xc013, 0xc00a, 0xc014, 0x009c, 0x009d, 0x003c, 0x003d, 0x002f, 0x0035,
];
static SUITES_56: &[u16] = &[0xc030, 0xc02f, 0xc028, 0xc014, 0xc027, 0xc012, 0x006b, 0x0067, 0x0039, 0x0033];
static SUITES_57: &[u16] =
    &[0x1301, 0x1302, 0x1303, 0xc030, 0xc02f, 0xc028, 0xc014, 0xc027, 0xc012, 0x006b, 0x0067, 0x0039, 0x0033];
static SUITES_58: &[u16] = &[0xc030, 0xc02f, 0xc028, 0xc027, 0x006b, 0x0067];
static SUITES_59: &[u16] = &[0x1301, 0x1302, 0xc030, 0xc02f, 0xc028, 0xc027, 0x006b, 0x0067];
static SUITES_60: &[u16] = &[0x0035, 0x002f];
static SUITES_61: &[u16] =
    &[0x1301, 0x1302, 0x1303, 0xc030, 0xc02f, 0xc028, 0xc014, 0xc027, 0x006b, 0x0067, 0x0039, 0x0033];
static SUITES_62: &[u16] = &[
    0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc023, 0xc027, 0xc009, 0xc013, 0xc02c, 0xc030, 0xc024, 0xc028, 0xc014,
    0xc00a, 0x009c, 0x003c, 0x002f, 0x009d, 0x003d, 0x0035,
];
static SUITES_63: &[u16] = &[
    0x1301, 0x1302, 0x1303, 0xc009, 0xc013, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xc023, 0xc027, 0xc00a, 0xc014, 0xc024,
    0xc028, 0x002f, 0x009c, 0x009d, 0x003c, 0x0035, 0x003d, 0x0033, 0x009e, 0x009f, 0x0067, 0x0039, 0x006b,
];
static SUITES_64: &[u16] = &[
    0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xc009, 0xc013, 0xc023, 0xc027, 0xc00a, 0xc014, 0xc024,
    0xc028, 0x009c, 0x009d, 0x002f, 0x003c, 0x0035, 0x003d, 0x009e, 0x009f, 0x0033, 0x0067, 0x0039, 0x006b,
];
static SUITES_65: &[u16] =
    &[0x1302, 0x1301, 0x1303, 0xc030, 0xc02f, 0xc028, 0xc014, 0xc027, 0x006b, 0x0067, 0x0039, 0x0033];
static SUITES_66: &[u16] = &[0x0067, 0x0033, 0x0016, 0x003c, 0x002f, 0x000a, 0x0005, 0x0004];
static SUITES_67: &[u16] = &[0x0067, 0x0033, 0x0016, 0x003c, 0x002f, 0x000a];
static SUITES_68: &[u16] = &[0x009e, 0x0067, 0x0033, 0x0016, 0x009c, 0x003c, 0x002f, 0x000a];
static SUITES_69: &[u16] = &[0xc02f, 0xc030, 0xc013, 0xc027, 0xc012, 0xc014, 0x009c, 0x003c, 0x002f, 0x000a];
static SUITES_70: &[u16] =
    &[0xc013, 0xc02f, 0xc030, 0xc027, 0xc014, 0xc028, 0x002f, 0x009c, 0x009d, 0x003c, 0x0035, 0x003d, 0x000a];
static SUITES_71: &[u16] =
    &[0xc02f, 0xc030, 0xc013, 0xc027, 0xc014, 0xc028, 0x009c, 0x009d, 0x002f, 0x003c, 0x0035, 0x003d, 0x000a];
static SUITES_72: &[u16] = &[0xc02f, 0xc030, 0xc013, 0xc027, 0xc014, 0x009c, 0x003c, 0x002f];
static SUITES_73: &[u16] = &[0xc02f, 0xc030, 0xcca8, 0xc013, 0xc027, 0xc014, 0x009c, 0x003c, 0x002f];
static SUITES_74: &[u16] = &[
    0xc013, 0xc02f, 0xc030, 0xc027, 0xc014, 0xc028, 0x002f, 0x009c, 0x009d, 0x003c, 0x0035, 0x003d, 0x000a, 0x0033,
    0x009e, 0x009f, 0x0067, 0x0039, 0x006b,
];
static SUITES_75: &[u16] = &[
    0xc02f, 0xc030, 0xc013, 0xc027, 0xc014, 0xc028, 0x009c, 0x009d, 0x002f, 0x003c, 0x0035, 0x003d, 0x000a, 0x009e,
    0x009f, 0x0033, 0x0067, 0x0039, 0x006b,
];
static SUITES_76: &[u16] = &[
    0xc009, 0xc013, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xc023, 0xc027, 0xc00a, 0xc014, 0xc024, 0xc028, 0x002f, 0x009c,
    0x009d, 0x003c, 0x0035, 0x003d, 0x000a, 0x0033, 0x009e, 0x009f, 0x0067, 0x0039, 0x006b,
];
static SUITES_77: &[u16] = &[
    0xc02b, 0xc02f, 0xc02c, 0xc030, 0xc009, 0xc013, 0xc023, 0xc027, 0xc00a, 0xc014, 0xc024, 0xc028, 0x009c, 0x009d,
    0x002f, 0x003c, 0x0035, 0x003d, 0x000a, 0x009e, 0x009f, 0x0033, 0x0067, 0x0039, 0x006b,
];
static SUITES_78: &[u16] = &[
    0x1301, 0x1302, 0x1303, 0xc009, 0xc013, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xc023, 0xc027, 0xc00a, 0xc014, 0xc024,
    0xc028, 0x002f, 0x009c, 0x009d, 0x003c, 0x0035, 0x003d, 0x000a, 0x0033, 0x009e, 0x009f, 0x0067, 0x0039, 0x006b,
];
static SUITES_79: &[u16] = &[
    0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xc009, 0xc013, 0xc023, 0xc027, 0xc00a, 0xc014, 0xc024,
    0xc028, 0x009c, 0x009d, 0x002f, 0x003c, 0x0035, 0x003d, 0x000a, 0x009e, 0x009f, 0x0033, 0x0067, 0x0039, 0x006b,
];
static SUITES_80: &[u16] = &[0xc027, 0xc028, 0xc02f, 0xc030, 0x002f, 0x009c, 0x009d, 0x003c, 0x0035, 0x003d, 0x000a];
static SUITES_81: &[u16] = &[0xc02f, 0xc030, 0xc027, 0xc028, 0x009c, 0x009d, 0x002f, 0x003c, 0x0035, 0x003d, 0x000a];
static SUITES_82: &[u16] =
    &[0xc013, 0xc02f, 0xc030, 0xc027, 0xc014, 0xc028, 0x002f, 0x009c, 0x009d, 0x003c, 0x0035, 0x003d];
static SUITES_83: &[u16] =
    &[0xc02f, 0xc030, 0xc013, 0xc027, 0xc014, 0xc028, 0x009c, 0x009d, 0x002f, 0x003c, 0x0035, 0x003d];
static SUITES_84: &[u16] =
    &[0xc013, 0xc02f, 0xc030, 0xcca8, 0xc027, 0xc014, 0xc028, 0x002f, 0x009c, 0x009d, 0x003c, 0x0035, 0x003d, 0x000a];
static SUITES_85: &[u16] =
    &[0xc02f, 0xc030, 0xcca8, 0xc013, 0xc027, 0xc014, 0xc028, 0x009c, 0x009d, 0x002f, 0x003c, 0x0035, 0x003d, 0x000a];
static SUITES_86: &[u16] =
    &[0xcca8, 0xc013, 0xc02f, 0xc030, 0xc027, 0xc014, 0xc028, 0x002f, 0x009c, 0x009d, 0x003c, 0x0035, 0x003d, 0x000a];
static SUITES_87: &[u16] =
    &[0x1302, 0x1301, 0x1303, 0xc02f, 0xc030, 0xcca8, 0xc013, 0xc027, 0xc014, 0x009c, 0x003c, 0x002f];
static SUITES_88: &[u16] = &[0xc024, 0xc028, 0xc02c, 0xc030];
static SUITES_89: &[u16] = &[0xc02c, 0xc030, 0xc024, 0xc028];
static SUITES_90: &[u16] = &[
    0x1301, 0x1302, 0x1303, 0xc02b, 0xc023, 0xc02c, 0xc024, 0xcca9, 0xc02f, 0xc027, 0xc030, 0xc028, 0xcca8, 0xc009,
    0xc00a, 0xc013, 0xc014, 0x009e, 0x0067, 0x009f, 0x006b, 0x0033, 0x0039, 0xc012, 0x0016, 0x009c, 0x003c, 0x009d,
    0x003d, 0x002f, 0x0035, 0x000a,
];
static SUITES_91: &[u16] = &[0x1302, 0xc02c, 0xc030, 0x009d, 0x009f];
static SUITES_92: &[u16] = &[
    0x1302, 0x1301, 0xc02c, 0xc030, 0xc024, 0xc028, 0xc00a, 0xc014, 0xc02b, 0xc02f, 0xc023, 0xc027, 0xc009, 0xc013,
    0x009d, 0x003d, 0x0035, 0x009c, 0x003c, 0x002f, 0x009f, 0x006b, 0x0039, 0x009e, 0x0067, 0x0033,
];
static SUITES_93: &[u16] = &[
    0x1301, 0x1302, 0xc009, 0xc013, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xc023, 0xc027, 0xc00a, 0xc014, 0xc024, 0xc028,
    0x002f, 0x009c, 0x009d, 0x003c, 0x0035, 0x003d, 0x000a, 0x0033, 0x009e, 0x009f, 0x0067, 0x0039, 0x006b,
];
static SUITES_94: &[u16] = &[
    0x1301, 0x1302, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xc009, 0xc013, 0xc023, 0xc027, 0xc00a, 0xc014, 0xc024, 0xc028,
    0x009c, 0x009d, 0x002f, 0x003c, 0x0035, 0x003d, 0x000a, 0x009e, 0x009f, 0x0033, 0x0067, 0x0039, 0x006b,
];
static SUITES_95: &[u16] = &[
    0x1301, 0x1302, 0xc009, 0xc013, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xc023, 0xc027, 0xc00a, 0xc014, 0xc024, 0xc028,
    0x002f, 0x009c, 0x009d, 0x003c, 0x0035, 0x003d,
];
static SUITES_96: &[u16] = &[
    0x1301, 0x1302, 0xc02b, 0xc02f, 0xc009, 0xc013, 0xc02c, 0xc030, 0xc023, 0xc027, 0xc00a, 0xc014, 0xc024, 0xc028,
    0x009c, 0x009d, 0x002f, 0x003c, 0x0035, 0x003d,
];
static SUITES_97: &[u16] =
    &[0x1301, 0x1302, 0xc009, 0xc013, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xc023, 0xc027, 0xc00a, 0xc014, 0xc024, 0xc028];
static SUITES_98: &[u16] =
    &[0x1301, 0x1302, 0xc02b, 0xc02f, 0xc009, 0xc013, 0xc02c, 0xc030, 0xc023, 0xc027, 0xc00a, 0xc014, 0xc024, 0xc028];
static SUITES_99: &[u16] = &[
    0x1301, 0x1302, 0xc009, 0xc013, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xc023, 0xc027, 0xc00a, 0xc014, 0xc024, 0xc028,
    0x002f, 0x009c, 0x009d, 0x003c, 0x0035, 0x003d, 0x0033, 0x009e, 0x009f, 0x0067, 0x0039, 0x006b,
];
static SUITES_100: &[u16] = &[
    0x1301, 0x1302, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xc009, 0xc013, 0xc023, 0xc027, 0xc00a, 0xc014, 0xc024, 0xc028,
    0x009c, 0x009d, 0x002f, 0x003c, 0x0035, 0x003d, 0x009e, 0x009f, 0x0033, 0x0067, 0x0039, 0x006b,
];
static SUITES_101: &[u16] = &[
    0x0004, 0x0005, 0x000a, 0x0016, 0x002f, 0x0033, 0x0035, 0x0039, 0x003c, 0x003d, 0x0067, 0x006b, 0x009c, 0x009d,
    0x009e, 0x009f, 0x1301, 0x1302, 0x1303, 0xc009, 0xc00a, 0xc011, 0xc012, 0xc013, 0xc014, 0xc023, 0xc024, 0xc027,
    0xc028, 0xc02b, 0xc02c, 0xc02f, 0xc030, 0xcca8, 0xcca9, 0xccaa,
];
static SUITES_102: &[u16] = &[
    0x0033, 0x0039, 0x0067, 0x006b, 0x009e, 0x009f, 0x1301, 0x1302, 0xc009, 0xc00a, 0xc013, 0xc014, 0xc023, 0xc024,
    0xc027, 0xc028, 0xc02b, 0xc02c, 0xc02f, 0xc030,
];
static SUITES_103: &[u16] = &[0xc009, 0xc00a, 0xc023, 0xc024, 0xc02b, 0xc02c, 0xcca9];
static SUITES_104: &[u16] = &[0x002f, 0x0004, 0x0005, 0x000a, 0x002f, 0x0035, 0x003c, 0x003d, 0x009c, 0x009d];
static SUITES_105: &[u16] = &[
    0xc009, 0xc00a, 0xc023, 0xc024, 0xc02b, 0xc02c, 0xcca9, 0x0004, 0x0005, 0x000a, 0x0016, 0x002f, 0x0033, 0x0035,
    0x0039, 0x003c, 0x003d, 0x0067, 0x006b, 0x009c, 0x009d, 0x009e, 0x009f, 0xc011, 0xc012, 0xc013, 0xc014, 0xc027,
    0xc028, 0xc02f, 0xc030, 0xcca8, 0xccaa,
];
static SUITES_106: &[u16] = &[
    0x0004, 0x0005, 0x000a, 0x0016, 0x002f, 0x0033, 0x0035, 0x0039, 0x003c, 0x003d, 0x0067, 0x006b, 0x009c, 0x009d,
    0x009e, 0x009f, 0xc009, 0xc00a, 0xc011, 0xc012, 0xc013, 0xc014, 0xc023, 0xc024, 0xc027, 0xc028, 0xc02b, 0xc02c,
    0xc02f, 0xc030, 0xcca8, 0xcca9, 0xccaa,
];
static SUITES_107: &[u16] = &[0x0000];

static POLICIES: &[SecurityPolicy] = &[
    SecurityPolicy {
        name: "default",
        min_version: 0x0303,
        cipher_suites: SUITES_0,
        groups: GROUPS_0,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "default_tls13",
        min_version: 0x0303,
        cipher_suites: SUITES_1,
        groups: GROUPS_1,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: Some(SCHEMES_1),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "default_fips",
        min_version: 0x0303,
        cipher_suites: SUITES_2,
        groups: GROUPS_2,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: Some(SCHEMES_1),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "default_pq",
        min_version: 0x0303,
        cipher_suites: SUITES_1,
        groups: GROUPS_0,
        signature_schemes: SCHEMES_2,
        certificate_signature_schemes: Some(SCHEMES_3),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20241106",
        min_version: 0x0303,
        cipher_suites: SUITES_3,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20240501",
        min_version: 0x0303,
        cipher_suites: SUITES_4,
        groups: GROUPS_1,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20240502",
        min_version: 0x0303,
        cipher_suites: SUITES_4,
        groups: GROUPS_4,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: Some(SCHEMES_1),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20240503",
        min_version: 0x0303,
        cipher_suites: SUITES_1,
        groups: GROUPS_1,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: Some(SCHEMES_1),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20230317",
        min_version: 0x0303,
        cipher_suites: SUITES_5,
        groups: GROUPS_4,
        signature_schemes: SCHEMES_5,
        certificate_signature_schemes: Some(SCHEMES_5),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20230317_pq",
        min_version: 0x0303,
        cipher_suites: SUITES_5,
        groups: GROUPS_2,
        signature_schemes: SCHEMES_5,
        certificate_signature_schemes: Some(SCHEMES_5),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20240331",
        min_version: 0x0303,
        cipher_suites: SUITES_4,
        groups: GROUPS_4,
        signature_schemes: SCHEMES_5,
        certificate_signature_schemes: Some(SCHEMES_5),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20240417",
        min_version: 0x0301,
        cipher_suites: SUITES_6,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: Some(SCHEMES_1),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20240416",
        min_version: 0x0303,
        cipher_suites: SUITES_7,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_6,
        certificate_signature_schemes: Some(SCHEMES_6),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20241001",
        min_version: 0x0303,
        cipher_suites: SUITES_1,
        groups: GROUPS_6,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: Some(SCHEMES_1),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20250512",
        min_version: 0x0303,
        cipher_suites: SUITES_1,
        groups: GROUPS_6,
        signature_schemes: SCHEMES_2,
        certificate_signature_schemes: Some(SCHEMES_3),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20250721",
        min_version: 0x0303,
        cipher_suites: SUITES_1,
        groups: GROUPS_0,
        signature_schemes: SCHEMES_2,
        certificate_signature_schemes: Some(SCHEMES_3),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20251014",
        min_version: 0x0303,
        cipher_suites: SUITES_0,
        groups: GROUPS_0,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20251015",
        min_version: 0x0303,
        cipher_suites: SUITES_2,
        groups: GROUPS_2,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: Some(SCHEMES_1),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20241001_pq_mixed",
        min_version: 0x0303,
        cipher_suites: SUITES_1,
        groups: GROUPS_6,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: Some(SCHEMES_1),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "TLS12_20261021_1",
        min_version: 0x0303,
        cipher_suites: SUITES_8,
        groups: GROUPS_7,
        signature_schemes: SCHEMES_7,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "TLS10_20261021_1",
        min_version: 0x0301,
        cipher_suites: SUITES_9,
        groups: GROUPS_7,
        signature_schemes: SCHEMES_7,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "TLS10_20261021_2",
        min_version: 0x0301,
        cipher_suites: SUITES_8,
        groups: GROUPS_7,
        signature_schemes: SCHEMES_7,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "TLS10_20261021_3",
        min_version: 0x0301,
        cipher_suites: SUITES_10,
        groups: GROUPS_7,
        signature_schemes: SCHEMES_7,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "TLS10_20261021_4",
        min_version: 0x0301,
        cipher_suites: SUITES_11,
        groups: GROUPS_7,
        signature_schemes: SCHEMES_7,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS-1-0-2015-04",
        min_version: 0x0301,
        cipher_suites: SUITES_12,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS-1-0-2015-05",
        min_version: 0x0301,
        cipher_suites: SUITES_13,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-2016-08",
        min_version: 0x0301,
        cipher_suites: SUITES_13,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS-1-1-2017-01",
        min_version: 0x0302,
        cipher_suites: SUITES_13,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS-1-2-2017-01",
        min_version: 0x0303,
        cipher_suites: SUITES_14,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
        min_version: 0x0303,
        cipher_suites: SUITES_13,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-FS-2018-06",
        min_version: 0x0301,
        cipher_suites: SUITES_15,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-FS-1-2-2019-08",
        min_version: 0x0303,
        cipher_suites: SUITES_15,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-FS-1-1-2019-08",
        min_version: 0x0302,
        cipher_suites: SUITES_15,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-FS-1-2-Res-2019-08",
        min_version: 0x0303,
        cipher_suites: SUITES_16,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-3-CNSA2-INTEROP1-FIPS-PQ-2026-07",
        min_version: 0x0304,
        cipher_suites: SUITES_17,
        groups: GROUPS_8,
        signature_schemes: SCHEMES_9,
        certificate_signature_schemes: Some(SCHEMES_10),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-2-CNSA2-INTEROP2-FIPS-PQ-2026-07",
        min_version: 0x0303,
        cipher_suites: SUITES_18,
        groups: GROUPS_8,
        signature_schemes: SCHEMES_9,
        certificate_signature_schemes: Some(SCHEMES_10),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-2-CNSA2-INTEROP3-FIPS-PQ-2026-07",
        min_version: 0x0303,
        cipher_suites: SUITES_19,
        groups: GROUPS_9,
        signature_schemes: SCHEMES_11,
        certificate_signature_schemes: Some(SCHEMES_11),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-FS-1-2-Res-2020-10",
        min_version: 0x0303,
        cipher_suites: SUITES_20,
        groups: GROUPS_4,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-Backend-2016-08",
        min_version: 0x0301,
        cipher_suites: SUITES_13,
        groups: GROUPS_4,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-SSLv3-2013-12",
        min_version: 0x0300,
        cipher_suites: SUITES_21,
        groups: GROUPS_4,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS-1-1-Res-2017-01",
        min_version: 0x0302,
        cipher_suites: SUITES_22,
        groups: GROUPS_4,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04",
        min_version: 0x0301,
        cipher_suites: SUITES_23,
        groups: GROUPS_4,
        signature_schemes: SCHEMES_12,
        certificate_signature_schemes: Some(SCHEMES_12),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04",
        min_version: 0x0302,
        cipher_suites: SUITES_23,
        groups: GROUPS_4,
        signature_schemes: SCHEMES_12,
        certificate_signature_schemes: Some(SCHEMES_12),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
        min_version: 0x0303,
        cipher_suites: SUITES_24,
        groups: GROUPS_4,
        signature_schemes: SCHEMES_12,
        certificate_signature_schemes: Some(SCHEMES_12),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
        min_version: 0x0303,
        cipher_suites: SUITES_25,
        groups: GROUPS_4,
        signature_schemes: SCHEMES_12,
        certificate_signature_schemes: Some(SCHEMES_12),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
        min_version: 0x0303,
        cipher_suites: SUITES_26,
        groups: GROUPS_4,
        signature_schemes: SCHEMES_12,
        certificate_signature_schemes: Some(SCHEMES_12),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
        min_version: 0x0303,
        cipher_suites: SUITES_23,
        groups: GROUPS_4,
        signature_schemes: SCHEMES_12,
        certificate_signature_schemes: Some(SCHEMES_12),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
        min_version: 0x0303,
        cipher_suites: SUITES_27,
        groups: GROUPS_4,
        signature_schemes: SCHEMES_12,
        certificate_signature_schemes: Some(SCHEMES_12),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
        min_version: 0x0304,
        cipher_suites: SUITES_28,
        groups: GROUPS_4,
        signature_schemes: SCHEMES_12,
        certificate_signature_schemes: Some(SCHEMES_12),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07",
        min_version: 0x0303,
        cipher_suites: SUITES_18,
        groups: GROUPS_10,
        signature_schemes: SCHEMES_13,
        certificate_signature_schemes: Some(SCHEMES_14),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-2-Ext0-RFC9151-FIPS-2023-07",
        min_version: 0x0303,
        cipher_suites: SUITES_29,
        groups: GROUPS_10,
        signature_schemes: SCHEMES_13,
        certificate_signature_schemes: Some(SCHEMES_14),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-3-RFC9151-FIPS-2023-07",
        min_version: 0x0304,
        cipher_suites: SUITES_17,
        groups: GROUPS_10,
        signature_schemes: SCHEMES_13,
        certificate_signature_schemes: Some(SCHEMES_14),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP1-FIPS-2023-07",
        min_version: 0x0303,
        cipher_suites: SUITES_30,
        groups: GROUPS_11,
        signature_schemes: SCHEMES_15,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP2-FIPS-2023-07",
        min_version: 0x0303,
        cipher_suites: SUITES_31,
        groups: GROUPS_11,
        signature_schemes: SCHEMES_15,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP3-FIPS-2023-07",
        min_version: 0x0303,
        cipher_suites: SUITES_32,
        groups: GROUPS_11,
        signature_schemes: SCHEMES_15,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP4-FIPS-2023-07",
        min_version: 0x0303,
        cipher_suites: SUITES_19,
        groups: GROUPS_11,
        signature_schemes: SCHEMES_15,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS12-1-2-RFC9151-2024-01",
        min_version: 0x0303,
        cipher_suites: SUITES_33,
        groups: GROUPS_10,
        signature_schemes: SCHEMES_14,
        certificate_signature_schemes: Some(SCHEMES_14),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS12-1-2-Ext0-RFC9151-2024-01",
        min_version: 0x0303,
        cipher_suites: SUITES_34,
        groups: GROUPS_10,
        signature_schemes: SCHEMES_14,
        certificate_signature_schemes: Some(SCHEMES_14),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-0-PQ-2025-09",
        min_version: 0x0301,
        cipher_suites: SUITES_35,
        groups: GROUPS_12,
        signature_schemes: SCHEMES_16,
        certificate_signature_schemes: Some(SCHEMES_12),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
        min_version: 0x0303,
        cipher_suites: SUITES_36,
        groups: GROUPS_12,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: Some(SCHEMES_0),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
        min_version: 0x0303,
        cipher_suites: SUITES_37,
        groups: GROUPS_12,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: Some(SCHEMES_0),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
        min_version: 0x0303,
        cipher_suites: SUITES_38,
        groups: GROUPS_12,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: Some(SCHEMES_0),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
        min_version: 0x0303,
        cipher_suites: SUITES_35,
        groups: GROUPS_12,
        signature_schemes: SCHEMES_16,
        certificate_signature_schemes: Some(SCHEMES_12),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
        min_version: 0x0304,
        cipher_suites: SUITES_39,
        groups: GROUPS_12,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: Some(SCHEMES_0),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-0-FIPS-PQ-2025-09",
        min_version: 0x0301,
        cipher_suites: SUITES_23,
        groups: GROUPS_2,
        signature_schemes: SCHEMES_12,
        certificate_signature_schemes: Some(SCHEMES_12),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
        min_version: 0x0303,
        cipher_suites: SUITES_24,
        groups: GROUPS_2,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: Some(SCHEMES_0),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
        min_version: 0x0303,
        cipher_suites: SUITES_25,
        groups: GROUPS_2,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: Some(SCHEMES_0),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
        min_version: 0x0303,
        cipher_suites: SUITES_26,
        groups: GROUPS_2,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: Some(SCHEMES_0),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
        min_version: 0x0303,
        cipher_suites: SUITES_23,
        groups: GROUPS_2,
        signature_schemes: SCHEMES_12,
        certificate_signature_schemes: Some(SCHEMES_12),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
        min_version: 0x0303,
        cipher_suites: SUITES_27,
        groups: GROUPS_2,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: Some(SCHEMES_0),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
        min_version: 0x0304,
        cipher_suites: SUITES_28,
        groups: GROUPS_2,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: Some(SCHEMES_0),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-Upstream",
        min_version: 0x0300,
        cipher_suites: SUITES_40,
        groups: GROUPS_13,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-Upstream-TLS-1-0",
        min_version: 0x0301,
        cipher_suites: SUITES_40,
        groups: GROUPS_13,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-Upstream-TLS-1-1",
        min_version: 0x0302,
        cipher_suites: SUITES_40,
        groups: GROUPS_13,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-Upstream-TLS-1-2",
        min_version: 0x0303,
        cipher_suites: SUITES_40,
        groups: GROUPS_13,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-Upstream-2025",
        min_version: 0x0300,
        cipher_suites: SUITES_41,
        groups: GROUPS_13,
        signature_schemes: SCHEMES_16,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-Upstream-TLS-1-0-2025",
        min_version: 0x0301,
        cipher_suites: SUITES_41,
        groups: GROUPS_13,
        signature_schemes: SCHEMES_16,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-Upstream-TLS-1-1-2025",
        min_version: 0x0302,
        cipher_suites: SUITES_41,
        groups: GROUPS_13,
        signature_schemes: SCHEMES_16,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-Upstream-TLS-1-2-2025",
        min_version: 0x0303,
        cipher_suites: SUITES_41,
        groups: GROUPS_13,
        signature_schemes: SCHEMES_16,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-Upstream-TLS-1-3-2025",
        min_version: 0x0304,
        cipher_suites: SUITES_39,
        groups: GROUPS_13,
        signature_schemes: SCHEMES_16,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-Upstream-2025-PQ",
        min_version: 0x0300,
        cipher_suites: SUITES_41,
        groups: GROUPS_14,
        signature_schemes: SCHEMES_17,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-Upstream-TLS-1-0-2025-PQ",
        min_version: 0x0301,
        cipher_suites: SUITES_41,
        groups: GROUPS_14,
        signature_schemes: SCHEMES_17,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-Upstream-TLS-1-1-2025-PQ",
        min_version: 0x0302,
        cipher_suites: SUITES_41,
        groups: GROUPS_14,
        signature_schemes: SCHEMES_17,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-Upstream-TLS-1-2-2025-PQ",
        min_version: 0x0303,
        cipher_suites: SUITES_41,
        groups: GROUPS_14,
        signature_schemes: SCHEMES_17,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-Upstream-TLS-1-3-2025-PQ",
        min_version: 0x0304,
        cipher_suites: SUITES_39,
        groups: GROUPS_14,
        signature_schemes: SCHEMES_17,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-SSL-v-3",
        min_version: 0x0300,
        cipher_suites: SUITES_42,
        groups: GROUPS_15,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-0-2014",
        min_version: 0x0301,
        cipher_suites: SUITES_43,
        groups: GROUPS_15,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-0-2014-sha256",
        min_version: 0x0301,
        cipher_suites: SUITES_44,
        groups: GROUPS_15,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-0-2016",
        min_version: 0x0301,
        cipher_suites: SUITES_3,
        groups: GROUPS_15,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-1-2016",
        min_version: 0x0302,
        cipher_suites: SUITES_3,
        groups: GROUPS_15,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-2-2017",
        min_version: 0x0303,
        cipher_suites: SUITES_45,
        groups: GROUPS_15,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-2-2018-no-sha1",
        min_version: 0x0303,
        cipher_suites: SUITES_46,
        groups: GROUPS_15,
        signature_schemes: SCHEMES_1,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-2-2019-no-sha1",
        min_version: 0x0303,
        cipher_suites: SUITES_1,
        groups: GROUPS_15,
        signature_schemes: SCHEMES_1,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-2-2021-no-sha1",
        min_version: 0x0303,
        cipher_suites: SUITES_47,
        groups: GROUPS_15,
        signature_schemes: SCHEMES_1,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-2-2025",
        min_version: 0x0303,
        cipher_suites: SUITES_27,
        groups: GROUPS_16,
        signature_schemes: SCHEMES_18,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-3-2025",
        min_version: 0x0304,
        cipher_suites: SUITES_39,
        groups: GROUPS_15,
        signature_schemes: SCHEMES_18,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-SSL-v-3-no-pq",
        min_version: 0x0300,
        cipher_suites: SUITES_42,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-0-2014-no-pq",
        min_version: 0x0301,
        cipher_suites: SUITES_43,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-0-2014-sha256-no-pq",
        min_version: 0x0301,
        cipher_suites: SUITES_44,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-0-2016-no-pq",
        min_version: 0x0301,
        cipher_suites: SUITES_3,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-1-2016-no-pq",
        min_version: 0x0302,
        cipher_suites: SUITES_3,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-2-2017-no-pq",
        min_version: 0x0303,
        cipher_suites: SUITES_45,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-2-2018-no-sha1-no-pq",
        min_version: 0x0303,
        cipher_suites: SUITES_46,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_1,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-2-2019-no-sha1-no-pq",
        min_version: 0x0303,
        cipher_suites: SUITES_1,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_1,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-2-2021-no-sha1-no-pq",
        min_version: 0x0303,
        cipher_suites: SUITES_47,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_1,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-2-2025-no-pq",
        min_version: 0x0303,
        cipher_suites: SUITES_27,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_18,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-3-2025-no-pq",
        min_version: 0x0304,
        cipher_suites: SUITES_39,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_18,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-0-2014-PQ-Beta",
        min_version: 0x0301,
        cipher_suites: SUITES_43,
        groups: GROUPS_15,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-2-2021-no-sha1-PQ-Beta",
        min_version: 0x0303,
        cipher_suites: SUITES_47,
        groups: GROUPS_15,
        signature_schemes: SCHEMES_1,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-2-2018-Beta",
        min_version: 0x0303,
        cipher_suites: SUITES_48,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-2-2021-Chacha20-Boosted",
        min_version: 0x0303,
        cipher_suites: SUITES_47,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-SSL-v-3-Legacy",
        min_version: 0x0300,
        cipher_suites: SUITES_49,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-0-2014-Legacy",
        min_version: 0x0301,
        cipher_suites: SUITES_50,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-0-2016-Legacy",
        min_version: 0x0301,
        cipher_suites: SUITES_51,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-1-2016-Legacy",
        min_version: 0x0302,
        cipher_suites: SUITES_51,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-2-2018-Legacy",
        min_version: 0x0303,
        cipher_suites: SUITES_52,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-2-2019-Legacy",
        min_version: 0x0303,
        cipher_suites: SUITES_53,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-2-2018",
        min_version: 0x0303,
        cipher_suites: SUITES_46,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-2-2019",
        min_version: 0x0303,
        cipher_suites: SUITES_1,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-2-2021",
        min_version: 0x0303,
        cipher_suites: SUITES_47,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "CloudFront-TLS-1-2-2021-PQ",
        min_version: 0x0303,
        cipher_suites: SUITES_47,
        groups: GROUPS_17,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "AWS-CRT-SDK-SSLv3.0",
        min_version: 0x0300,
        cipher_suites: SUITES_54,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "AWS-CRT-SDK-TLSv1.0",
        min_version: 0x0301,
        cipher_suites: SUITES_55,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "AWS-CRT-SDK-TLSv1.1",
        min_version: 0x0302,
        cipher_suites: SUITES_55,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "AWS-CRT-SDK-TLSv1.2",
        min_version: 0x0303,
        cipher_suites: SUITES_55,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "AWS-CRT-SDK-TLSv1.3",
        min_version: 0x0304,
        cipher_suites: SUITES_39,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "AWS-CRT-SDK-SSLv3.0-2023",
        min_version: 0x0300,
        cipher_suites: SUITES_54,
        groups: GROUPS_13,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "AWS-CRT-SDK-TLSv1.0-2023",
        min_version: 0x0301,
        cipher_suites: SUITES_55,
        groups: GROUPS_13,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "AWS-CRT-SDK-TLSv1.0-2025-PQ",
        min_version: 0x0301,
        cipher_suites: SUITES_55,
        groups: GROUPS_13,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "AWS-CRT-SDK-TLSv1.1-2023",
        min_version: 0x0302,
        cipher_suites: SUITES_55,
        groups: GROUPS_13,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "AWS-CRT-SDK-TLSv1.2-2023",
        min_version: 0x0303,
        cipher_suites: SUITES_55,
        groups: GROUPS_13,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "AWS-CRT-SDK-TLSv1.2-2023-PQ",
        min_version: 0x0303,
        cipher_suites: SUITES_55,
        groups: GROUPS_13,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "AWS-CRT-SDK-TLSv1.2-2025",
        min_version: 0x0303,
        cipher_suites: SUITES_27,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "AWS-CRT-SDK-TLSv1.2-2025-PQ",
        min_version: 0x0303,
        cipher_suites: SUITES_55,
        groups: GROUPS_13,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "AWS-CRT-SDK-TLSv1.3-2023",
        min_version: 0x0304,
        cipher_suites: SUITES_39,
        groups: GROUPS_13,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "AWS-CRT-SDK-TLSv1.3-2025-PQ",
        min_version: 0x0304,
        cipher_suites: SUITES_39,
        groups: GROUPS_13,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "KMS-TLS-1-0-2018-10",
        min_version: 0x0301,
        cipher_suites: SUITES_56,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "KMS-TLS-1-0-2021-08",
        min_version: 0x0301,
        cipher_suites: SUITES_57,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "KMS-TLS-1-2-2023-06",
        min_version: 0x0303,
        cipher_suites: SUITES_57,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "KMS-FIPS-TLS-1-2-2018-10",
        min_version: 0x0303,
        cipher_suites: SUITES_58,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "KMS-FIPS-TLS-1-2-2021-08",
        min_version: 0x0303,
        cipher_suites: SUITES_59,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "KMS-FIPS-TLS-1-2-2024-10",
        min_version: 0x0303,
        cipher_suites: SUITES_59,
        groups: GROUPS_18,
        signature_schemes: SCHEMES_5,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20170816_healthcheck",
        min_version: 0x0301,
        cipher_suites: SUITES_60,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "KMS-TLS-1-2-2023-07",
        min_version: 0x0303,
        cipher_suites: SUITES_61,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "KMS-FIPS-TLS-1-2-2023-09",
        min_version: 0x0303,
        cipher_suites: SUITES_59,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_1,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "PQ-TLS-1-2-2024-10-07",
        min_version: 0x0303,
        cipher_suites: SUITES_62,
        groups: GROUPS_15,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "PQ-TLS-1-2-2024-10-08",
        min_version: 0x0303,
        cipher_suites: SUITES_63,
        groups: GROUPS_15,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "PQ-TLS-1-2-2024-10-08_gcm",
        min_version: 0x0303,
        cipher_suites: SUITES_64,
        groups: GROUPS_15,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "PQ-TLS-1-2-2024-10-09",
        min_version: 0x0303,
        cipher_suites: SUITES_65,
        groups: GROUPS_15,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20140601",
        min_version: 0x0300,
        cipher_suites: SUITES_66,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20141001",
        min_version: 0x0301,
        cipher_suites: SUITES_66,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20150202",
        min_version: 0x0301,
        cipher_suites: SUITES_67,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20150214",
        min_version: 0x0301,
        cipher_suites: SUITES_68,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20150306",
        min_version: 0x0301,
        cipher_suites: SUITES_69,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20160411",
        min_version: 0x0301,
        cipher_suites: SUITES_70,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20160804",
        min_version: 0x0301,
        cipher_suites: SUITES_71,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20160824",
        min_version: 0x0301,
        cipher_suites: SUITES_72,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20170210",
        min_version: 0x0301,
        cipher_suites: SUITES_73,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20170328",
        min_version: 0x0301,
        cipher_suites: SUITES_74,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20170328_gcm",
        min_version: 0x0301,
        cipher_suites: SUITES_75,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20190214",
        min_version: 0x0301,
        cipher_suites: SUITES_76,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20190214_gcm",
        min_version: 0x0301,
        cipher_suites: SUITES_77,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20210825",
        min_version: 0x0301,
        cipher_suites: SUITES_78,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20210825_gcm",
        min_version: 0x0301,
        cipher_suites: SUITES_79,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20170405",
        min_version: 0x0301,
        cipher_suites: SUITES_80,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20170405_gcm",
        min_version: 0x0301,
        cipher_suites: SUITES_81,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20170718",
        min_version: 0x0301,
        cipher_suites: SUITES_82,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20170718_gcm",
        min_version: 0x0301,
        cipher_suites: SUITES_83,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20190120",
        min_version: 0x0301,
        cipher_suites: SUITES_84,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20190121",
        min_version: 0x0301,
        cipher_suites: SUITES_85,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20190122",
        min_version: 0x0301,
        cipher_suites: SUITES_86,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20190801",
        min_version: 0x0301,
        cipher_suites: SUITES_87,
        groups: GROUPS_3,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20190802",
        min_version: 0x0301,
        cipher_suites: SUITES_87,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20200207",
        min_version: 0x0300,
        cipher_suites: SUITES_39,
        groups: GROUPS_19,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20200207_pq",
        min_version: 0x0300,
        cipher_suites: SUITES_39,
        groups: GROUPS_12,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20201021",
        min_version: 0x0301,
        cipher_suites: SUITES_86,
        groups: GROUPS_4,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20210816",
        min_version: 0x0303,
        cipher_suites: SUITES_88,
        groups: GROUPS_10,
        signature_schemes: SCHEMES_19,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20210422_INTB",
        min_version: 0x0303,
        cipher_suites: SUITES_88,
        groups: GROUPS_10,
        signature_schemes: SCHEMES_19,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20210422_INTB_gcm",
        min_version: 0x0303,
        cipher_suites: SUITES_89,
        groups: GROUPS_10,
        signature_schemes: SCHEMES_19,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20210816_GCM",
        min_version: 0x0303,
        cipher_suites: SUITES_89,
        groups: GROUPS_10,
        signature_schemes: SCHEMES_19,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20240603",
        min_version: 0x0303,
        cipher_suites: SUITES_90,
        groups: GROUPS_19,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: Some(SCHEMES_1),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20250211",
        min_version: 0x0304,
        cipher_suites: SUITES_17,
        groups: GROUPS_10,
        signature_schemes: SCHEMES_13,
        certificate_signature_schemes: Some(SCHEMES_1),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20250414",
        min_version: 0x0304,
        cipher_suites: SUITES_17,
        groups: GROUPS_10,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: Some(SCHEMES_1),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20250429",
        min_version: 0x0303,
        cipher_suites: SUITES_91,
        groups: GROUPS_10,
        signature_schemes: SCHEMES_13,
        certificate_signature_schemes: Some(SCHEMES_14),
        certificate_keys: Some(KEYS_RFC9151),
        certificate_rules_apply_locally: true,
    },
    SecurityPolicy {
        name: "20251013",
        min_version: 0x0303,
        cipher_suites: SUITES_18,
        groups: GROUPS_10,
        signature_schemes: SCHEMES_13,
        certificate_signature_schemes: Some(SCHEMES_14),
        certificate_keys: Some(KEYS_RFC9151),
        certificate_rules_apply_locally: true,
    },
    SecurityPolicy {
        name: "20251113",
        min_version: 0x0303,
        cipher_suites: SUITES_30,
        groups: GROUPS_11,
        signature_schemes: SCHEMES_15,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20251114",
        min_version: 0x0303,
        cipher_suites: SUITES_32,
        groups: GROUPS_11,
        signature_schemes: SCHEMES_15,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20251115",
        min_version: 0x0303,
        cipher_suites: SUITES_19,
        groups: GROUPS_11,
        signature_schemes: SCHEMES_15,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20251116",
        min_version: 0x0301,
        cipher_suites: SUITES_92,
        groups: GROUPS_11,
        signature_schemes: SCHEMES_15,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20251117",
        min_version: 0x0303,
        cipher_suites: SUITES_31,
        groups: GROUPS_11,
        signature_schemes: SCHEMES_15,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20260219",
        min_version: 0x0304,
        cipher_suites: SUITES_17,
        groups: GROUPS_20,
        signature_schemes: SCHEMES_20,
        certificate_signature_schemes: Some(SCHEMES_20),
        certificate_keys: Some(KEYS_CNSA2),
        certificate_rules_apply_locally: true,
    },
    SecurityPolicy {
        name: "20260220",
        min_version: 0x0303,
        cipher_suites: SUITES_18,
        groups: GROUPS_8,
        signature_schemes: SCHEMES_9,
        certificate_signature_schemes: Some(SCHEMES_10),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20260513",
        min_version: 0x0304,
        cipher_suites: SUITES_17,
        groups: GROUPS_8,
        signature_schemes: SCHEMES_21,
        certificate_signature_schemes: Some(SCHEMES_22),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20260520",
        min_version: 0x0301,
        cipher_suites: SUITES_93,
        groups: GROUPS_18,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20260520_gcm",
        min_version: 0x0301,
        cipher_suites: SUITES_94,
        groups: GROUPS_18,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20260521",
        min_version: 0x0303,
        cipher_suites: SUITES_95,
        groups: GROUPS_18,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20260521_gcm",
        min_version: 0x0303,
        cipher_suites: SUITES_96,
        groups: GROUPS_18,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20260522",
        min_version: 0x0303,
        cipher_suites: SUITES_97,
        groups: GROUPS_18,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20260522_gcm",
        min_version: 0x0303,
        cipher_suites: SUITES_98,
        groups: GROUPS_18,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20260523",
        min_version: 0x0303,
        cipher_suites: SUITES_99,
        groups: GROUPS_18,
        signature_schemes: SCHEMES_23,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20260523_gcm",
        min_version: 0x0303,
        cipher_suites: SUITES_100,
        groups: GROUPS_18,
        signature_schemes: SCHEMES_23,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20260720",
        min_version: 0x0304,
        cipher_suites: SUITES_17,
        groups: GROUPS_8,
        signature_schemes: SCHEMES_9,
        certificate_signature_schemes: Some(SCHEMES_10),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "20260722",
        min_version: 0x0303,
        cipher_suites: SUITES_19,
        groups: GROUPS_9,
        signature_schemes: SCHEMES_11,
        certificate_signature_schemes: Some(SCHEMES_11),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "rfc9151",
        min_version: 0x0303,
        cipher_suites: SUITES_18,
        groups: GROUPS_10,
        signature_schemes: SCHEMES_13,
        certificate_signature_schemes: Some(SCHEMES_14),
        certificate_keys: Some(KEYS_RFC9151),
        certificate_rules_apply_locally: true,
    },
    SecurityPolicy {
        name: "cnsa_1",
        min_version: 0x0303,
        cipher_suites: SUITES_18,
        groups: GROUPS_10,
        signature_schemes: SCHEMES_13,
        certificate_signature_schemes: Some(SCHEMES_14),
        certificate_keys: Some(KEYS_RFC9151),
        certificate_rules_apply_locally: true,
    },
    SecurityPolicy {
        name: "cnsa_2",
        min_version: 0x0304,
        cipher_suites: SUITES_17,
        groups: GROUPS_20,
        signature_schemes: SCHEMES_20,
        certificate_signature_schemes: Some(SCHEMES_20),
        certificate_keys: Some(KEYS_CNSA2),
        certificate_rules_apply_locally: true,
    },
    SecurityPolicy {
        name: "cnsa_1_2_interop",
        min_version: 0x0303,
        cipher_suites: SUITES_18,
        groups: GROUPS_8,
        signature_schemes: SCHEMES_9,
        certificate_signature_schemes: Some(SCHEMES_10),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "test_all",
        min_version: 0x0300,
        cipher_suites: SUITES_101,
        groups: GROUPS_19,
        signature_schemes: SCHEMES_24,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "test_all_fips",
        min_version: 0x0303,
        cipher_suites: SUITES_102,
        groups: GROUPS_4,
        signature_schemes: SCHEMES_25,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "test_all_ecdsa",
        min_version: 0x0301,
        cipher_suites: SUITES_103,
        groups: GROUPS_19,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "test_all_rsa_kex",
        min_version: 0x0301,
        cipher_suites: SUITES_104,
        groups: GROUPS_5,
        signature_schemes: SCHEMES_8,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "test_ecdsa_priority",
        min_version: 0x0300,
        cipher_suites: SUITES_105,
        groups: GROUPS_19,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "test_all_tls12",
        min_version: 0x0300,
        cipher_suites: SUITES_106,
        groups: GROUPS_4,
        signature_schemes: SCHEMES_4,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "test_all_tls13",
        min_version: 0x0300,
        cipher_suites: SUITES_39,
        groups: GROUPS_19,
        signature_schemes: SCHEMES_24,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "test_pq_only",
        min_version: 0x0304,
        cipher_suites: SUITES_39,
        groups: GROUPS_21,
        signature_schemes: SCHEMES_0,
        certificate_signature_schemes: Some(SCHEMES_0),
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
    SecurityPolicy {
        name: "null",
        min_version: 0x0301,
        cipher_suites: SUITES_107,
        groups: GROUPS_21,
        signature_schemes: SCHEMES_26,
        certificate_signature_schemes: None,
        certificate_keys: None,
        certificate_rules_apply_locally: false,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_known_policies() {
        let default = lookup("default").unwrap();
        assert_eq!(default.min_version, 0x0303);
        assert_eq!(&default.cipher_suites[..3], &[0x1301, 0x1302, 0x1303]);
        assert!(default.groups.contains(&0x11ec));
        let tls12 = lookup("20240501").unwrap();
        assert_eq!(tls12.cipher_suites[0], 0xc02b);
        assert!(!tls12.cipher_suites.iter().any(|s| s >> 8 == 0x13));
        assert_eq!(lookup("20170210").unwrap().min_version, 0x0301);
        assert_eq!(lookup("rfc9151").unwrap().groups, &[0x0018]);
        assert!(lookup("no such policy").is_none());
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = all().iter().map(|p| p.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all().len());
    }
}
