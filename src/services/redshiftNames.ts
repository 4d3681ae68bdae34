// Name rules that Redshift's credential APIs document for DbUser, DbName and DbGroups, each as the current model's
// documentation text states it (../shared/aws-models/redshift, redshift-serverless): GetClusterCredentials' DbName and
// Serverless GetCredentials' dbName allow upper- and lowercase letters; its DbGroups lowercase only;
// GetClusterCredentialsWithIAM documents no character rule for DbName.
import { all, check, length, notReserved, required, optional, eachOf, integerRange, type Rule } from '../validation/rules';
import { l10n } from '../l10n';

// "Reserved words" as the Amazon Redshift Database Developer Guide publishes them today (r_pg_keywords; LANGUAGE is no
// longer among them). SQL keywords compare case-insensitively.
export const REDSHIFT_RESERVED_WORDS: ReadonlySet<string> = new Set(`
AES128 AES256 ALL ALLOWOVERWRITE ANALYSE ANALYZE AND ANY ARRAY AS ASC AUTHORIZATION AZ64 BACKUP BETWEEN
BINARY BLANKSASNULL BOTH BYTEDICT BZIP2 CASE CAST CHECK COLLATE COLUMN CONSTRAINT CREATE CREDENTIALS CROSS
CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER CURRENT_USER_ID DEFAULT DEFERRABLE DEFLATE DEFRAG
DELTA DELTA32K DESC DISABLE DISTINCT DO ELSE EMPTYASNULL ENABLE ENCODE ENCRYPT ENCRYPTION END EXCEPT
EXPLICIT FALSE FOR FOREIGN FREEZE FROM FULL GLOBALDICT256 GLOBALDICT64K GRANT GROUP GZIP HAVING IDENTITY
IGNORE ILIKE IN INITIALLY INNER INTERSECT INTERVAL INTO IS ISNULL JOIN LEADING LEFT LIKE LIMIT
LOCALTIME LOCALTIMESTAMP LUN LUNS LZO LZOP MINUS MOSTLY16 MOSTLY32 MOSTLY8 NATURAL NEW NOT NOTNULL NULL
NULLS OFF OFFLINE OFFSET OID OLD ON ONLY OPEN OR ORDER OUTER OVERLAPS PARALLEL PARTITION PERCENT
PERMISSIONS PIVOT PLACING PRIMARY RAW READRATIO RECOVER REFERENCES REJECTLOG RESORT RESPECT RESTORE RIGHT
SELECT SESSION_USER SIMILAR SNAPSHOT SOME SYSDATE SYSTEM TABLE TAG TDES TEXT255 TEXT32K THEN TIMESTAMP TO
TOP TRAILING TRUE TRUNCATECOLUMNS UNION UNIQUE UNNEST UNPIVOT USER USING VERBOSE WALLET WHEN WHERE WITH
WITHOUT`.trim().split(/\s+/));

// DbUser additionally "can't be PUBLIC" (the group every user belongs to).
const RESERVED_FOR_USERS: ReadonlySet<string> = new Set([...REDSHIFT_RESERVED_WORDS, 'PUBLIC']);

const noColonOrSlash = check((t) => !/[:/]/.test(t), l10n.t('Must not contain a colon (:) or a slash (/).'));

/**
 * DbUser: 1–64 characters, first a letter, then letters (either case), digits and _ + . @ -; no : or /;
 * not a reserved word or PUBLIC. (The API reference says "alphanumeric characters or hyphens" in one bullet
 * and lists _ + . @ in the next; both are allowed here, as the service accepts them.)
 */
export const dbUserRule: Rule = required(
  length(1, 64),
  check((t) => /^[A-Za-z]/.test(t), l10n.t('Must start with a letter (A–Z or a–z).')),
  noColonOrSlash,
  check((t) => /^[A-Za-z0-9_+.@-]*$/.test(t), l10n.t('Only letters, digits and _ + . @ - are allowed.')),
  notReserved(RESERVED_FOR_USERS, l10n.t('a reserved word in Redshift')),
);

/** Database group names (DbGroups): as DbUser, but lowercase letters only ("Must contain only lowercase letters…"). */
export const dbGroupNameRule: Rule = all(
  length(1, 64),
  check((t) => /^[a-z]/.test(t), l10n.t('Must start with a lowercase letter (a–z).')),
  noColonOrSlash,
  check((t) => /^[a-z0-9_+.@-]*$/.test(t), l10n.t('Only lowercase letters, digits and _ + . @ - are allowed.')),
  notReserved(REDSHIFT_RESERVED_WORDS, l10n.t('a reserved word in Redshift')),
);

/**
 * DbName of GetClusterCredentials and dbName of Serverless GetCredentials: 1–64 characters, first a letter, then
 * upper- or lowercase letters, digits and _ + . @ -; no : or /; not a reserved word.
 */
export const dbNameRule: Rule = all(
  length(1, 64),
  check((t) => /^[A-Za-z]/.test(t), l10n.t('Must start with a letter (A–Z or a–z).')),
  noColonOrSlash,
  check((t) => /^[A-Za-z0-9_+.@-]*$/.test(t), l10n.t('Only letters, digits and _ + . @ - are allowed.')),
  notReserved(REDSHIFT_RESERVED_WORDS, l10n.t('a reserved word in Redshift')),
);

/**
 * DbName of GetClusterCredentialsWithIAM: its documentation sets no character rule, so only the length is checked,
 * 1–64 characters as the other credential APIs state it (a database name's limit).
 */
export const iamDbNameRule: Rule = length(1, 64);

export const optionalDbName: Rule = optional(dbNameRule);
export const optionalIamDbName: Rule = optional(iamDbNameRule);

export const dbGroupsRule: Rule = optional(eachOf(dbGroupNameRule, { itemName: l10n.t('group') }));

/** DurationSeconds for both Redshift credential APIs and Serverless: 900–3600, default 900. */
export const DURATION_MIN = 900;
export const DURATION_MAX = 3600;
export const DURATION_DEFAULT = 900;
export const durationRule: Rule = optional(integerRange(DURATION_MIN, DURATION_MAX, l10n.t('seconds')));
