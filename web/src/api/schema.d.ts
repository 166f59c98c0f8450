// Generated from the service's OpenAPI document by web/scripts/api-types.mjs: do not edit.
// `npm run gen:api` regenerates it; a test fails when it is stale.

export interface paths {
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ApiKeysController_list"];
        put?: never;
        post: operations["ApiKeysController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["ApiKeysController_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit events, newest first, filtered */
        get: operations["AuditController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events/checkpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Signed checkpoints of the audit chain head, newest first
         * @description Every AUDIT_CHECKPOINT_INTERVAL_SECONDS (when events were added) the instance signs { seq, hash, time } of the sealed chain head with its Ed25519 key (GET /instance/public-key). A checkpoint covers the chain up to and including seq; its own `audit.checkpoint` event (sent to webhook subscribers) comes later in the chain. Offline: check the signature, then that the exported event at seq has that hash.
         */
        get: operations["AuditCheckpointsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The trail, oldest first, streamed as JSON lines or CSV
         * @description Each JSON line is one event exactly as GET /audit-events returns it; in CSV, `data` is canonical JSON. Recompute each hash as SHA-256 hex of prevHash + "\n" + canonical JSON (keys sorted, no spaces) of the event without hash.
         */
        get: operations["AuditController_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recompute the whole hash chain, and check it against the signed checkpoints
         * @description Valid when every event recomputes and links, and the chain still has the hash each checkpoint signed with this instance’s key recorded at its seq (checkpoints of other keys are left to offline verifiers).
         */
        get: operations["AuditController_verify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with e-mail and password; returns a bearer token */
        post: operations["AuthController_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AuthController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change your own password (re-authenticated with the current one)
         * @description Ends every session and makes every access token of the caller stale (401), including the one used for this request: sign in again. API keys keep working (integrations are not broken silently; revoke a key with DELETE /api-keys/:id). Audited as auth.password_changed.
         */
        post: operations["AuthController_changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in for a browser: sets the session and CSRF cookies
         * @description Same checks, limits and audit events as POST /auth/login. Sets `praxis_session` (HttpOnly, SameSite=Strict, Path=/, Secure when PUBLIC_URL is https) and `praxis_csrf` (readable, SameSite=Strict, Path=/). The session cookie then authenticates every route; a POST, PUT, PATCH or DELETE with it must send `X-CSRF-Token` equal to the CSRF cookie (else 403). A session ends on sign-out, after SESSION_IDLE_MINUTES without a request, SESSION_MAX_HOURS after sign-in, and on a password change, deactivation or sign-out everywhere.
         */
        post: operations["AuthController_openSession"];
        /**
         * Sign out of this browser session: ends it and clears both cookies
         * @description With the session cookie, needs `X-CSRF-Token`. With a bearer token or API key it only clears cookies.
         */
        delete: operations["AuthController_closeSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sign-out-everywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End every session and access token of the caller
         * @description Bumps the caller’s token generation: every bearer token and session cookie issued so far gets 401, the one used for this request included. API keys keep working. Audited as auth.signed_out_everywhere.
         */
        post: operations["AuthController_signOutEverywhere"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/departments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DepartmentsController_list"];
        put?: never;
        post: operations["DepartmentsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Documents; staff and approvers see effective ones and those they must sign */
        get: operations["DocumentsController_list"];
        put?: never;
        /** Create a document; its first revision is a draft from the body or the template */
        post: operations["DocumentsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DocumentsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/evidence-pack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything about a document in a window, as a zip anyone can verify offline
         * @description Streamed. Holds: `VERIFY.md` (how to check it by hand); `document.json`; per revision in the window `revisions/NNN-<label>.md` and `.pdf`; `signatures.json`; `acknowledgements.csv`; `proposals.json` (with timelines); `diffs/<a>..<b>.patch` (unified diff between successive revisions); `audit-events.jsonl` (the events of the document, its revisions, signatures, acknowledgements, proposals, controlled copies and evidence packs, byte for byte as GET /audit-events/export writes them); `chain-head.json` (seq and hash of the chain head at export time, and the newest signed checkpoint); `manifest.json` (every file’s SHA-256 and size), `manifest.sig` (raw Ed25519 signature of manifest.json by the key named in it, see GET /signing-keys) and `SHA256SUMS`. Recorded with an `evidence_pack.exported` audit event. Verify with `npm run verify-pack -- pack.zip --keys signing-keys.json [--chain full-export.jsonl]`.
         */
        get: operations["EvidencePackController_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/retire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retire (re-authenticated): the document and its live revisions become obsolete */
        post: operations["DocumentsController_retire"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/revisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The history, newest first, with signature manifestations
         * @description Admins, quality leads and auditors get every revision. Everyone else gets the revisions GET /revisions/{id} would show them: the effective one, those in review they are assigned to sign (while they hold a signing role) and the superseded ones they acknowledged; 404 when that leaves nothing.
         */
        get: operations["DocumentsController_history"];
        put?: never;
        /** Start a new draft from the effective revision */
        post: operations["DocumentsController_createRevision"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/training-requirement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TrainingRequirementsController_get"];
        /**
         * Who must read the document: departments, roles, named users; due period
         * @description Replaces the requirement. Applies at once to the current effective revision (missing assignments are created, due dueInDays from now) and to every later one (due dueInDays from its effective date). Open assignments of users it no longer covers are withdrawn (they drop out of GET /me/assignments).
         */
        put: operations["TrainingRequirementsController_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/instance/public-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The public key that verifies this instance’s signatures
         * @description Audit checkpoints (GET /audit-events/checkpoints, webhook event `audit.checkpoint`) are signed with the Ed25519 key whose public half this is. Keep a copy outside Praxis to verify offline.
         */
        get: operations["SigningController_publicKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/markdown/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Render a Markdown body without saving it, exactly as GET /revisions/:id/html would */
        post: operations["MarkdownController_preview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your assignments to read and acknowledge, soonest due first */
        get: operations["MyAssignmentsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's in-app notifications, newest first
         * @description Written with the change that causes them; new training assignments (assignment.created) are written by the outbox dispatcher just after the fan-out commits (within about a second), one per assignment still open.
         */
        get: operations["MeNotificationsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark one notification read */
        post: operations["MeNotificationsController_read"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/signing-queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Revisions in review waiting for your signature, oldest submitted first
         * @description Those you are assigned to review or approve and have not yet signed with that meaning in the current review round.
         */
        get: operations["MeController_signingQueue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The counts of your Home page
         * @description triage and training are present for admins and quality leads only (organisation-wide counts); everyone gets reading, signing and notifications.
         */
        get: operations["MeController_summary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/proposals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Proposals; admins, quality leads and auditors see all, others those they submitted, are assigned or watch */
        get: operations["ProposalsController_list"];
        put?: never;
        /** Raise a proposal; assigned to the document's owner, the submitter watches it. Staff: effective documents only */
        post: operations["ProposalsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/proposals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A proposal with its timeline (transitions and comments, oldest first) */
        get: operations["ProposalsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Triage: hand the proposal to another active user without moving it; both assignees are told */
        patch: operations["ProposalsController_assign"];
        trace?: never;
    };
    "/api/v1/proposals/{id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Comment; the commenter watches the proposal from then on */
        post: operations["ProposalsController_comment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/proposals/{id}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move it on: submitted → under_review | withdrawn; under_review → accepted | rejected (comment) | withdrawn; accepted → implemented; implemented, rejected → closed. Only the submitter withdraws; the rest is for quality leads and admins */
        post: operations["ProposalsController_transition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/reviews-due": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Effective documents whose periodic review is due on or before `before` */
        get: operations["DocumentReportsController_reviewsDue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/training": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Training completion per effective document
         * @description One item per effective document, by number. Documents without a training requirement are listed with required 0 (percent 100), except when filtering by department. Counts active users only. **required**: active users with a role that acknowledges (not auditor only) whom the training requirement covers now (a department of theirs in departmentIds, a role in roles, or their id in userIds); an assignment of a user the requirement no longer covers is not counted. **acknowledged**: of those, users who acknowledged the current effective revision, or — when it is a minor revision and the requirement does not retrain on minor revisions — who acknowledged an earlier revision of the same major version and were given no assignment for any later revision up to the current one (carry-over). **overdue**: of those, not acknowledged, whose assignment for the current revision is overdue (status overdue, or pending past dueAt). **pending** = required − acknowledged − overdue. **percent** = round(100 × acknowledged / required, 1), 100 when required is 0. With `departmentId`, only that department’s active members are counted, and only documents whose requirement names the department or covers at least one of its members (by role or name too) are listed. With `documentId`, only that document (no items if it is not effective or does not exist). `Accept: text/csv` gives the same as CSV (header row; cells starting with = + - @ are prefixed with ' so spreadsheets do not run them as formulas).
         */
        get: operations["TrainingReportsController_report"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/training/departments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Training completion per department
         * @description One item per department, by code: the sums over the items of GET /reports/training?departmentId= for that department (its active members, by the same definitions), and percent = round(100 × acknowledged / required, 1), 100 when required is 0. Counts active users only. **required**: active users with a role that acknowledges (not auditor only) whom the training requirement covers now (a department of theirs in departmentIds, a role in roles, or their id in userIds); an assignment of a user the requirement no longer covers is not counted. **acknowledged**: of those, users who acknowledged the current effective revision, or — when it is a minor revision and the requirement does not retrain on minor revisions — who acknowledged an earlier revision of the same major version and were given no assignment for any later revision up to the current one (carry-over). **overdue**: of those, not acknowledged, whose assignment for the current revision is overdue (status overdue, or pending past dueAt). **pending** = required − acknowledged − overdue. **percent** = round(100 × acknowledged / required, 1), 100 when required is 0.
         */
        get: operations["TrainingReportsController_departments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/training/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Training matrix: each active user with their pending and overdue documents
         * @description Active users by e-mail, each with `pending` and `overdue` (effective documents that require them and that they have not acknowledged) and `done` (how many they have acknowledged), by the same definitions as GET /reports/training: summed over all users, `done` is its acknowledged, and the lengths of `pending` and `overdue` its pending and overdue. A pending item has `dueAt` null when the user is covered but holds no assignment yet. With `Accept: text/csv`: the whole matrix (cursor and limit ignored), one row per user and item (state pending or overdue), or one row with an empty state for a user with nothing open; departmentIds joined by ";". Cells starting with = + - @ are prefixed with '. Filters (each optional, also for CSV): `departmentId` its members; `documentId` the users that document requires, with only that document in their items (the people behind its row of GET /reports/training); `overdue=true` users with something overdue (of that document, when given).
         */
        get: operations["TrainingReportsController_matrix"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/revisions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A revision with its Markdown body; the ETag header is what PATCH needs in If-Match */
        get: operations["RevisionsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit a draft. If-Match must carry the current ETag */
        patch: operations["RevisionsController_update"];
        trace?: never;
    };
    "/api/v1/revisions/{id}/acknowledgements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who acknowledged the revision, and when (oldest first) */
        get: operations["AcknowledgementsController_list"];
        put?: never;
        /**
         * Read and understood: acknowledge the effective revision (once; a repeat gives 200)
         * @description Records the SHA-256 of the body read. When the training requirement asks for a signature, `password` is required and checked (signed: true). With practiceMatches false and a comment, a practice_deviation proposal is opened as well (proposalId). Completes your assignment for the revision; without one it is a voluntary read.
         */
        post: operations["AcknowledgementsController_acknowledge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/revisions/{id}/copies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The controlled copies issued of a revision, by number */
        get: operations["CopiesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/revisions/{id}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What changed from `against` to this revision: unified, json, or an HTML redline */
        get: operations["RevisionsController_diff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/revisions/{id}/html": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The body rendered as sanitised HTML (no script, raw HTML escaped, heading anchors) */
        get: operations["RevisionsController_html"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/revisions/{id}/impact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How many people will have to read this revision when it becomes effective
         * @description Counted by the same rule as the assignments made when it becomes effective, with the training requirement and the people as they are now: active people it covers who have not read it yet, per department, and how many are excused because the change is minor, the requirement does not retrain on minor, and they read the previous revision. No requirement: zero.
         */
        get: operations["RevisionImpactController_impact"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/revisions/{id}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A numbered controlled copy of the revision, as PDF
         * @description For whoever may read the revision (as GET /revisions/:id). Every download is a new copy: numbered from 1 per revision, recorded (GET /revisions/:id/copies) with a `copy.issued` audit event, and printed on every page ("Copy N, printed for <name> at <time>; uncontrolled when printed — the current revision is at <PUBLIC_URL link>"), with a header (number, title, revision, page X of Y) and, unless the revision is effective, its status (SUPERSEDED, OBSOLETE, DRAFT — NOT FOR USE). A cover block gives status and dates; the last page lists each signature (printed name, UTC time, meaning) and the content SHA-256. Fonts are embedded; the text is extractable.
         */
        get: operations["CopiesController_pdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/revisions/{id}/signatures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** E-sign (re-enter your password): reviewed, approved, or rejected (with a comment) */
        post: operations["RevisionsController_sign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/revisions/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a draft for review and approval */
        post: operations["RevisionsController_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Full-text search over effective revisions (title weighted above body, stemmed) */
        get: operations["SearchController_find"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/signing-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every public key this instance has signed with, oldest first
         * @description Evidence pack manifests and audit checkpoints name the key that signed them (`keyId`). Keys used before a rotation stay listed, so what they signed still verifies. Save this answer as `signing-keys.json` for `npm run verify-pack` (it trusts only the keys you give it).
         */
        get: operations["SigningKeysController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TemplatesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TemplatesController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["UsersController_list"];
        put?: never;
        post: operations["UsersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["UsersController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["UsersController_update"];
        trace?: never;
    };
    "/api/v1/users/{id}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set another user’s password (admin)
         * @description For a user who forgot theirs. The admin re-enters their own password (`password`, as for a signature). The new password is temporary: the user’s `passwordMustChange` becomes true and every e-signature re-authentication of theirs is refused (403 password-change-required) until they change it with POST /auth/password. Ends every session and access token of that user (they sign in again with the new password); their API keys keep working. Audited as auth.password_reset (never a password). An admin changes their own password with POST /auth/password instead (403 here).
         */
        post: operations["UsersController_resetPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Webhook subscriptions, oldest first */
        get: operations["WebhooksController_list"];
        put?: never;
        /**
         * Subscribe a URL to events
         * @description Each event is POSTed as `{ id, type, occurredAt, data }` (`id` is the audit event id, `data` the audit data plus entityType, entityId and actor) with headers X-Praxis-Event, X-Praxis-Delivery and X-Praxis-Signature: sha256=<hex HMAC-SHA256 of the raw body with the secret>. A 2xx answer within 5 s counts as delivered; redirects are not followed; anything else is retried with exponential backoff (2^attempts s) up to WEBHOOK_MAX_ATTEMPTS, then the delivery is failed.
         */
        post: operations["WebhooksController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a subscription and its delivery log */
        delete: operations["WebhooksController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A webhook's deliveries, newest first */
        get: operations["WebhooksController_deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The database answers */
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (no business data: latency and process figures only) */
        get: operations["HealthController_scrape"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AcknowledgeDto: {
            comment?: string;
            /** @description Required when the training requirement asks for a signature; verified when given */
            password?: string;
            /**
             * @description false: "this is not how we work" — a comment is required and a practice_deviation proposal is opened
             * @default true
             */
            practiceMatches?: boolean;
        };
        AcknowledgementListItem: {
            /** Format: date-time */
            acknowledgedAt: string;
            comment: string | null;
            /** @description SHA-256 of the body that was read */
            contentSha256: string;
            /** Format: uuid */
            documentId: string;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            meaning: "read_and_understood";
            practiceMatches: boolean;
            /**
             * Format: uuid
             * @description The practice_deviation proposal opened with it
             */
            proposalId: string | null;
            /** Format: uuid */
            revisionId: string;
            /** @description The password was re-entered (an e-signature) */
            signed: boolean;
            /** Format: uuid */
            userId: string;
            userName: string;
        };
        AcknowledgementPage: {
            items: components["schemas"]["AcknowledgementListItem"][];
            nextCursor: string | null;
        };
        AcknowledgementResponse: {
            /** Format: date-time */
            acknowledgedAt: string;
            comment: string | null;
            /** @description SHA-256 of the body that was read */
            contentSha256: string;
            /** Format: uuid */
            documentId: string;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            meaning: "read_and_understood";
            practiceMatches: boolean;
            /**
             * Format: uuid
             * @description The practice_deviation proposal opened with it
             */
            proposalId: string | null;
            /** Format: uuid */
            revisionId: string;
            /** @description The password was re-entered (an e-signature) */
            signed: boolean;
            /** Format: uuid */
            userId: string;
        };
        ApiKeyPage: {
            items: components["schemas"]["ApiKeyResponse"][];
            nextCursor: string | null;
        };
        ApiKeyResponse: {
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            lastUsedAt: string | null;
            name: string;
            /** @description First characters of the key, to recognise it */
            prefix: string;
            /** Format: date-time */
            revokedAt: string | null;
            /** Format: uuid */
            userId: string;
        };
        AssignProposalDto: {
            /**
             * Format: uuid
             * @description The active user who becomes accountable for it
             */
            assigneeId: string;
        };
        AuditCheckpointPage: {
            items: components["schemas"]["AuditCheckpointResponse"][];
            nextCursor: string | null;
        };
        AuditCheckpointResponse: {
            /** @enum {string} */
            algorithm: "Ed25519";
            /** @description The hash of the event at seq */
            hash: string;
            /**
             * Format: uuid
             * @description Also the entityId of its `audit.checkpoint` event
             */
            id: string;
            /** @description keyId of the signing key (GET /instance/public-key) */
            keyId: string;
            /** @description The checkpoint covers the chain up to and including this seq */
            seq: number;
            /** @description Base64 Ed25519 signature of the UTF-8 canonical JSON (keys sorted, no spaces) of { hash, seq, time, type: "praxis.audit.checkpoint" } */
            signature: string;
            /**
             * Format: date-time
             * @description When it was signed
             */
            time: string;
        };
        AuditEventPage: {
            items: components["schemas"]["AuditEventResponse"][];
            nextCursor: string | null;
        };
        AuditEventResponse: {
            /** @example user.created */
            action: string;
            /** Format: uuid */
            actorId: string | null;
            /** @enum {string} */
            actorType: "user" | "api_key" | "system";
            data: {
                [key: string]: unknown;
            };
            /** Format: uuid */
            entityId: string | null;
            /** @example user */
            entityType: string;
            /** @description SHA-256 hex of prevHash + "\n" + canonical JSON of the event without hash */
            hash: string;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            /** @description hash of the previous event; 64 zeros for the first */
            prevHash: string;
            /** @description Gap-free position in the chain, from 1 */
            seq: number;
        };
        AuditVerifyResponse: {
            /** @description When valid and a checkpoint signed with this instance’s key exists: the newest one, which the chain matches */
            checkpoint?: components["schemas"]["VerifiedCheckpoint"];
            /** @description Number of events read */
            count: number;
            /** @description First seq at which the chain breaks (when not valid) */
            firstInvalidSeq?: number;
            /** @description Hash of the last event (when valid) */
            headHash?: string;
            /**
             * @description Why (when not valid). `broken_link`: the event at firstInvalidSeq does not recompute or link. `truncated`: events a signed checkpoint covers are gone; firstInvalidSeq is the first missing seq. `rewritten`: the chain no longer has the hash a signed checkpoint recorded at firstInvalidSeq (the change is at or before it, after the previous checkpoint). `checkpoint_forged`: the stored checkpoint at firstInvalidSeq does not verify with the instance key.
             * @enum {string}
             */
            reason?: "broken_link" | "truncated" | "rewritten" | "checkpoint_forged";
            valid: boolean;
        };
        ChangePasswordDto: {
            /** @description Re-authentication: the password in use now */
            currentPassword: string;
            newPassword: string;
        };
        CommentProposalDto: {
            /** @example The same happens in the Leeds warehouse. */
            body: string;
        };
        ControlledCopyPage: {
            items: components["schemas"]["ControlledCopyResponse"][];
            nextCursor: string | null;
        };
        ControlledCopyResponse: {
            /** @description Numbered from 1 per revision, without gaps */
            copyNumber: number;
            /**
             * Format: uuid
             * @description Also the entityId of its `copy.issued` audit event
             */
            id: string;
            /** Format: date-time */
            issuedAt: string;
            /**
             * Format: uuid
             * @description Who downloaded (printed) it
             */
            issuedToId: string;
            /** @description Their name at the time, as printed on the copy */
            issuedToName: string;
            /** Format: uuid */
            revisionId: string;
        };
        CreateApiKeyDto: {
            /** @example audit export script */
            name: string;
        };
        CreatedApiKeyResponse: {
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            /** @description The key itself. Shown once only: store it now. */
            key: string;
            /** Format: date-time */
            lastUsedAt: string | null;
            name: string;
            /** @description First characters of the key, to recognise it */
            prefix: string;
            /** Format: date-time */
            revokedAt: string | null;
            /** Format: uuid */
            userId: string;
        };
        CreateDepartmentDto: {
            /**
             * @description Upper-case letters and digits, 2–10, starting with a letter
             * @example QA
             */
            code: string;
            /** @example Quality Assurance */
            name: string;
        };
        CreateDocumentDto: {
            /** @description Markdown of the first draft; else the template body, else empty */
            body?: string;
            /** @example customer-service */
            category?: string;
            /**
             * Format: uuid
             * @description Its code goes into the number; GEN when absent
             */
            departmentId?: string;
            /**
             * Format: uuid
             * @description Accountable owner; the creator when absent
             */
            ownerId?: string;
            /** @default 24 */
            reviewIntervalMonths?: number;
            /**
             * @description Template to start from (GET /templates)
             * @example sop
             */
            templateKey?: string;
            /** @example Handling customer returns */
            title: string;
            /** @enum {string} */
            type: "sop" | "work_instruction" | "policy" | "form";
        };
        CreateProposalDto: {
            /** @example Since March the warehouse inspects returned goods before refunds. */
            description: string;
            /**
             * Format: uuid
             * @description The document it is about; required for every kind but new_procedure
             */
            documentId?: string;
            /** @enum {string} */
            kind: "improvement" | "practice_deviation" | "error" | "new_procedure";
            /**
             * @description The heading of the section of the document it is about
             * @example Procedure
             */
            section?: string;
            /** @example Returns are checked by the warehouse, not customer service */
            title: string;
        };
        CreateRevisionDto: {
            /** @enum {string} */
            changeLevel: "major" | "minor";
            /** @example Clarify the refund time limit */
            changeSummary: string;
            /** @description Improvement proposals this revision implements */
            proposalIds?: string[];
            reason?: string;
        };
        CreateUserDto: {
            departmentIds?: string[];
            /** @example jane@example.com */
            email: string;
            /** @example Jane Doe */
            name: string;
            password: string;
            /**
             * @example [
             *       "staff"
             *     ]
             */
            roles: ("admin" | "quality_lead" | "approver" | "staff" | "auditor")[];
        };
        CreateWebhookDto: {
            /**
             * @description Audit actions to deliver, or `*` for all of them
             * @example [
             *       "revision.effective",
             *       "proposal.transitioned"
             *     ]
             */
            events: string[];
            /** @description Signs each delivery: X-Praxis-Signature = sha256=<hex HMAC-SHA256 of the raw body>. Never returned. */
            secret: string;
            /**
             * @description http(s) URL. One whose host resolves to a loopback, link-local or private address is refused (400) unless WEBHOOK_ALLOW_PRIVATE=true.
             * @example https://hooks.example.com/praxis
             */
            url: string;
        };
        DepartmentPage: {
            items: components["schemas"]["DepartmentResponse"][];
            nextCursor: string | null;
        };
        DepartmentResponse: {
            code: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            name: string;
        };
        DocumentPage: {
            items: components["schemas"]["DocumentResponse"][];
            nextCursor: string | null;
        };
        DocumentResponse: {
            category: string | null;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description Since when the effective revision is in force
             */
            currentEffectiveFrom: string | null;
            /**
             * @description Label of the effective revision
             * @example 1.1
             */
            currentLabel: string | null;
            /**
             * Format: uuid
             * @description The effective revision
             */
            currentRevisionId: string | null;
            /** Format: uuid */
            departmentId: string | null;
            /**
             * Format: uuid
             * @description The open revision: draft, in review, or approved and waiting for its effective date
             */
            draftRevisionId: string | null;
            /** Format: uuid */
            id: string;
            /** Format: date */
            nextReviewDue: string | null;
            /** @example SOP-QA-0001 */
            number: string;
            /** Format: uuid */
            ownerId: string;
            /** @description The owner's display name */
            ownerName: string | null;
            /** Format: date-time */
            retiredAt: string | null;
            reviewIntervalMonths: number;
            /** @enum {string} */
            status: "draft" | "effective" | "obsolete";
            templateKey: string | null;
            title: string;
            /** @enum {string} */
            type: "sop" | "work_instruction" | "policy" | "form";
            /** Format: date-time */
            updatedAt: string;
        };
        ImpactDepartment: {
            /** @description People of this department who will have to read it */
            count: number;
            /**
             * Format: uuid
             * @description null: people in no department
             */
            departmentId: string | null;
            name: string | null;
        };
        LoginDto: {
            /** @example lead@demo.local */
            email: string;
            /** @example demo-password */
            password: string;
        };
        LoginResponse: {
            accessToken: string;
            /** @description Seconds until the token expires */
            expiresIn: number;
            /** @enum {string} */
            tokenType: "Bearer";
            user: components["schemas"]["UserResponse"];
        };
        MarkdownPreviewDto: {
            /** @description Markdown to render; as long as a revision body may be */
            body: string;
        };
        MeSummary: {
            notifications: components["schemas"]["NotificationCounts"];
            reading: components["schemas"]["ReadingCounts"];
            /** @description Revisions waiting for your signature (GET /me/signing-queue) */
            signing: number;
            /** @description Admins and quality leads only */
            training?: components["schemas"]["TrainingCounts"];
            /** @description Admins and quality leads only */
            triage?: components["schemas"]["TriageCounts"];
        };
        MyAssignment: {
            /** Format: date-time */
            acknowledgedAt: string | null;
            /**
             * Format: uuid
             * @description The revision of this document you last acknowledged, when it is not this one: GET /revisions/{revisionId}/diff?against={changedSinceAcknowledged}
             */
            changedSinceAcknowledged: string | null;
            /** Format: uuid */
            documentId: string;
            /** @example SOP-QA-0001 */
            documentNumber: string;
            /** Format: date-time */
            dueAt: string;
            /** Format: uuid */
            id: string;
            /** @example 1.1 */
            label: string;
            /** @description Whether acknowledging needs your password (the document's training requirement asks for a signature) */
            requireSignature: boolean;
            /** Format: uuid */
            revisionId: string;
            /** @enum {string} */
            status: "pending" | "overdue" | "done" | "superseded";
            title: string;
        };
        MyAssignmentPage: {
            items: components["schemas"]["MyAssignment"][];
            nextCursor: string | null;
        };
        NotificationCounts: {
            /** @description GET /me/notifications?unread=true */
            unread: number;
        };
        NotificationPage: {
            items: components["schemas"]["NotificationResponse"][];
            nextCursor: string | null;
        };
        NotificationResponse: {
            /** Format: date-time */
            createdAt: string;
            /** @description Names the entity, e.g. { proposalId } or { revisionId, documentId } */
            data: {
                [key: string]: unknown;
            };
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            readAt: string | null;
            /** @example proposal.transitioned */
            type: string;
        };
        ProposalDetail: {
            /** @description The statuses the caller may move it to now (withdraw for its submitter, the rest for triage) */
            allowedTransitions?: ("submitted" | "under_review" | "accepted" | "rejected" | "implemented" | "closed" | "withdrawn")[];
            /**
             * Format: uuid
             * @description Accountable person: the document's owner, else the quality lead who triages
             */
            assigneeId: string | null;
            /** @example Quinn Lead */
            assigneeName: string | null;
            /**
             * Format: date-time
             * @description Closed or withdrawn at
             */
            closedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description Accepted or rejected at
             */
            decidedAt: string | null;
            description: string;
            /** Format: uuid */
            documentId: string | null;
            /** @example SOP-QA-0001 */
            documentNumber: string | null;
            /** @example Customer returns */
            documentTitle: string | null;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            implementedAt: string | null;
            /**
             * Format: uuid
             * @description The revision whose taking effect implemented it
             */
            implementedByRevisionId: string | null;
            /** @enum {string} */
            kind: "improvement" | "practice_deviation" | "error" | "new_procedure";
            /** @example IP-0001 */
            number: string;
            /** @description Still submitted or under review past triageDueAt */
            overdue: boolean;
            /**
             * Format: uuid
             * @description The revision a practice deviation was reported against
             */
            revisionId: string | null;
            /** @description Heading of the section */
            section: string | null;
            /** @enum {string} */
            status: "submitted" | "under_review" | "accepted" | "rejected" | "implemented" | "closed" | "withdrawn";
            /** Format: uuid */
            submitterId: string;
            /** @example Sam Staff */
            submitterName: string;
            /** @description Every transition and comment, oldest first */
            timeline: components["schemas"]["TimelineEntry"][];
            title: string;
            /** Format: date-time */
            triageDueAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description Told at every step */
            watcherIds: string[];
        };
        ProposalPage: {
            items: components["schemas"]["ProposalResponse"][];
            nextCursor: string | null;
        };
        ProposalResponse: {
            /**
             * Format: uuid
             * @description Accountable person: the document's owner, else the quality lead who triages
             */
            assigneeId: string | null;
            /** @example Quinn Lead */
            assigneeName: string | null;
            /**
             * Format: date-time
             * @description Closed or withdrawn at
             */
            closedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description Accepted or rejected at
             */
            decidedAt: string | null;
            description: string;
            /** Format: uuid */
            documentId: string | null;
            /** @example SOP-QA-0001 */
            documentNumber: string | null;
            /** @example Customer returns */
            documentTitle: string | null;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            implementedAt: string | null;
            /**
             * Format: uuid
             * @description The revision whose taking effect implemented it
             */
            implementedByRevisionId: string | null;
            /** @enum {string} */
            kind: "improvement" | "practice_deviation" | "error" | "new_procedure";
            /** @example IP-0001 */
            number: string;
            /** @description Still submitted or under review past triageDueAt */
            overdue: boolean;
            /**
             * Format: uuid
             * @description The revision a practice deviation was reported against
             */
            revisionId: string | null;
            /** @description Heading of the section */
            section: string | null;
            /** @enum {string} */
            status: "submitted" | "under_review" | "accepted" | "rejected" | "implemented" | "closed" | "withdrawn";
            /** Format: uuid */
            submitterId: string;
            /** @example Sam Staff */
            submitterName: string;
            title: string;
            /** Format: date-time */
            triageDueAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        PublicKeyResponse: {
            /** @enum {string} */
            algorithm: "Ed25519";
            /** @description SHA-256 hex of the public key’s SPKI DER; signatures name it */
            keyId: string;
            /**
             * @description SubjectPublicKeyInfo, PEM
             * @example -----BEGIN PUBLIC KEY-----…
             */
            publicKeyPem: string;
        };
        ReadingCounts: {
            /** @description Assignments past their due date (GET /me/assignments?status=overdue) */
            overdue: number;
            /** @description Assignments to read, not yet late (GET /me/assignments?status=pending) */
            pending: number;
        };
        ResetPasswordDto: {
            /** @description Temporary: the user must change it before signing */
            newPassword: string;
            /** @description Re-authentication: the admin’s own password */
            password: string;
        };
        RetireDocumentDto: {
            password: string;
            reason: string;
        };
        ReviewDueItem: {
            /** Format: uuid */
            departmentId: string | null;
            /** Format: uuid */
            documentId: string;
            documentNumber: string;
            label: string;
            /** Format: date */
            nextReviewDue: string;
            /** @description The review date has passed */
            overdue: boolean;
            /** Format: uuid */
            ownerId: string;
            /** Format: uuid */
            revisionId: string;
            title: string;
        };
        ReviewsDueReport: {
            items: components["schemas"]["ReviewDueItem"][];
        };
        RevisionHistory: {
            items: components["schemas"]["RevisionResponse"][];
            nextCursor: string | null;
        };
        RevisionImpactResponse: {
            /** @description total per department; a person in two departments counts in both */
            departments: components["schemas"]["ImpactDepartment"][];
            /** @description Covered people who will not: the change is minor, the requirement does not retrain on minor, and they read the previous revision */
            excusedMinor: number;
            /** @description Active people who will get an assignment when this revision becomes effective (with the training requirement as it is now) */
            total: number;
        };
        RevisionResponse: {
            /** Format: date-time */
            approvedAt: string | null;
            approverIds: string[];
            /**
             * Format: uuid
             * @description Who created the revision
             */
            authorId: string;
            /** @description Everyone who wrote the body: the creator and every user who changed it. None of them may review or approve it */
            authorIds: string[];
            /** @enum {string} */
            changeLevel: "major" | "minor";
            changeSummary: string;
            contentSha256: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            documentId: string;
            /** Format: date-time */
            effectiveFrom: string | null;
            /** Format: uuid */
            id: string;
            /** @example 1.0 */
            label: string | null;
            /** Format: date-time */
            obsoletedAt: string | null;
            proposalIds: string[];
            reason: string | null;
            reviewerIds: string[];
            signatures: components["schemas"]["SignatureResponse"][];
            /** @enum {string} */
            status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "obsolete";
            /** Format: date-time */
            submittedAt: string | null;
            /** Format: date-time */
            supersededAt: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        RevisionWithBody: {
            /** Format: date-time */
            approvedAt: string | null;
            approverIds: string[];
            /**
             * Format: uuid
             * @description Who created the revision
             */
            authorId: string;
            /** @description Everyone who wrote the body: the creator and every user who changed it. None of them may review or approve it */
            authorIds: string[];
            /** @description Markdown */
            body: string;
            /** @enum {string} */
            changeLevel: "major" | "minor";
            changeSummary: string;
            contentSha256: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            documentId: string;
            /** Format: date-time */
            effectiveFrom: string | null;
            /** Format: uuid */
            id: string;
            /** @example 1.0 */
            label: string | null;
            /** Format: date-time */
            obsoletedAt: string | null;
            proposalIds: string[];
            reason: string | null;
            reviewerIds: string[];
            signatures: components["schemas"]["SignatureResponse"][];
            /** @enum {string} */
            status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "obsolete";
            /** Format: date-time */
            submittedAt: string | null;
            /** Format: date-time */
            supersededAt: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        SearchHit: {
            /** Format: uuid */
            documentId: string;
            documentNumber: string;
            label: string;
            rank: number;
            /** Format: uuid */
            revisionId: string;
            /** @description HTML-escaped excerpt with the matched words in <mark> */
            snippet: string;
            title: string;
        };
        SearchResults: {
            items: components["schemas"]["SearchHit"][];
            /** @description Always null: the best matches come first */
            nextCursor: string | null;
        };
        SessionResponse: {
            user: components["schemas"]["UserResponse"];
        };
        SignatureResponse: {
            comment: string | null;
            /** @description SHA-256 of the body that was signed */
            contentSha256: string;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            meaning: "reviewed" | "approved" | "rejected";
            /** @description Which submission of the revision this signature belongs to */
            reviewRound: number;
            /** Format: date-time */
            signedAt: string;
            /** Format: uuid */
            signerId: string;
            /** @description Printed name of the signer at signing */
            signerName: string;
        };
        SigningKeyList: {
            items: components["schemas"]["SigningKeyResponse"][];
        };
        SigningKeyResponse: {
            /** @enum {string} */
            algorithm: "Ed25519";
            /** @description Whether the instance signs with this key now */
            current: boolean;
            /**
             * Format: date-time
             * @description When the instance first ran with this key
             */
            firstUsedAt: string;
            /** @description SHA-256 hex of the public key’s SPKI DER; signatures name it */
            keyId: string;
            /**
             * @description SubjectPublicKeyInfo, PEM
             * @example -----BEGIN PUBLIC KEY-----…
             */
            publicKeyPem: string;
        };
        SigningQueueItem: {
            /**
             * Format: uuid
             * @description Who created the revision
             */
            authorId: string;
            authorName: string | null;
            /** @enum {string} */
            changeLevel: "major" | "minor";
            changeSummary: string;
            /** Format: uuid */
            documentId: string;
            /** @example SOP-QA-0001 */
            documentNumber: string;
            /**
             * Format: date-time
             * @description When it takes effect once approved; at once when null
             */
            effectiveFrom: string | null;
            /**
             * @description The signature expected of you (POST /revisions/{revisionId}/signatures). Someone both reviewer and approver is asked to review first; the revision then comes back to approve
             * @enum {string}
             */
            meaning: "reviewed" | "approved";
            /** Format: uuid */
            revisionId: string;
            /** Format: date-time */
            submittedAt: string;
            title: string;
        };
        SigningQueuePage: {
            items: components["schemas"]["SigningQueueItem"][];
            nextCursor: string | null;
        };
        SignRevisionDto: {
            /** @description Required when rejecting */
            comment?: string;
            /** @enum {string} */
            meaning: "reviewed" | "approved" | "rejected";
            /** @description The signer re-enters their password (21 CFR 11.200) */
            password: string;
        };
        SubmitRevisionDto: {
            approverIds: string[];
            /**
             * @description When the approved revision takes effect (date or date-time); at once when absent or past
             * @example 2026-12-01
             */
            effectiveFrom?: string;
            reviewerIds?: string[];
        };
        TemplateList: {
            items: components["schemas"]["TemplateSummaryResponse"][];
            /** @description Always null: the list is complete */
            nextCursor: string | null;
        };
        TemplateResponse: {
            /** @description Markdown skeleton; {{title}}, {{number}} and {{department}} are filled when a document is created from it */
            body: string;
            /** @example sop */
            key: string;
            /**
             * @description Headings a revision body must contain before it can be submitted (any level, case-insensitive, leading numbering ignored)
             * @example [
             *       "Purpose",
             *       "Scope",
             *       "Procedure"
             *     ]
             */
            requiredSections: string[];
            /**
             * @description Suggested review interval
             * @example 24
             */
            reviewIntervalMonths: number;
            /** @example Standard operating procedure */
            title: string;
            /** @enum {string} */
            type: "sop" | "work_instruction" | "policy" | "form";
        };
        TemplateSummaryResponse: {
            /** @example sop */
            key: string;
            /**
             * @description Headings a revision body must contain before it can be submitted (any level, case-insensitive, leading numbering ignored)
             * @example [
             *       "Purpose",
             *       "Scope",
             *       "Procedure"
             *     ]
             */
            requiredSections: string[];
            /**
             * @description Suggested review interval
             * @example 24
             */
            reviewIntervalMonths: number;
            /** @example Standard operating procedure */
            title: string;
            /** @enum {string} */
            type: "sop" | "work_instruction" | "policy" | "form";
        };
        TimelineEntry: {
            /**
             * Format: uuid
             * @description null when the system acted (a scheduled effective date)
             */
            actorId: string | null;
            /** @description The actor's name; null for the system */
            actorName: string | null;
            /** Format: date-time */
            at: string;
            /** @description Comments only */
            body?: string;
            /** @description Transitions only */
            comment?: string | null;
            /**
             * @description Transitions only
             * @enum {string}
             */
            from?: "submitted" | "under_review" | "accepted" | "rejected" | "implemented" | "closed" | "withdrawn";
            /** Format: uuid */
            id: string;
            /**
             * @description Transitions only
             * @enum {string}
             */
            to?: "submitted" | "under_review" | "accepted" | "rejected" | "implemented" | "closed" | "withdrawn";
            /** @enum {string} */
            type: "transition" | "comment";
        };
        TrainingCounts: {
            /** @description Late assignments of effective revisions, organisation-wide (the training report's overdue: status overdue, or pending past due) */
            overdueAssignments: number;
        };
        TrainingDepartmentItem: {
            acknowledged: number;
            /** @example CS */
            code: string;
            /** Format: uuid */
            departmentId: string;
            name: string;
            overdue: number;
            pending: number;
            /**
             * @description round(100 × acknowledged / required, 1); 100 when required is 0
             * @example 87.5
             */
            percent: number;
            /** @description Sum over effective documents of required, counting this department's active members */
            required: number;
        };
        TrainingDepartmentReport: {
            items: components["schemas"]["TrainingDepartmentItem"][];
        };
        TrainingMatrixEntry: {
            /** Format: uuid */
            documentId: string;
            documentNumber: string;
            /**
             * Format: date-time
             * @description null when the user is covered but holds no assignment for the revision
             */
            dueAt: string | null;
            label: string;
            /** Format: uuid */
            revisionId: string;
        };
        TrainingMatrixPage: {
            items: components["schemas"]["TrainingMatrixRow"][];
            nextCursor: string | null;
        };
        TrainingMatrixRow: {
            departmentIds: string[];
            /** @description Effective documents required of this user and acknowledged */
            done: number;
            email: string;
            name: string;
            /** @description Required, not acknowledged, assignment overdue; by due time, then number */
            overdue: components["schemas"]["TrainingMatrixEntry"][];
            /** @description Required, not acknowledged, not overdue; by due time, then number */
            pending: components["schemas"]["TrainingMatrixEntry"][];
            /** Format: uuid */
            userId: string;
        };
        TrainingReport: {
            items: components["schemas"]["TrainingReportItem"][];
        };
        TrainingReportItem: {
            /** @description Of those, users who acknowledged the current revision, or satisfied by carry-over (minor revision without retrainOnMinor, no assignment for it, an earlier revision of the same major acknowledged) */
            acknowledged: number;
            /** Format: uuid */
            documentId: string;
            documentNumber: string;
            /** @example 2.1 */
            label: string;
            /** @description Of those, not acknowledged and holding an assignment for the current revision that is overdue (status overdue, or pending past its due time) */
            overdue: number;
            /** @description required − acknowledged − overdue: still to read, not yet late (or not yet assigned) */
            pending: number;
            /**
             * @description round(100 × acknowledged / required, 1); 100 when required is 0
             * @example 87.5
             */
            percent: number;
            /** @description Active users the training requirement covers */
            required: number;
            /**
             * Format: uuid
             * @description The current effective revision
             */
            revisionId: string;
            title: string;
        };
        TrainingRequirementDto: {
            /**
             * @description Everyone in these departments must read the document
             * @default []
             */
            departmentIds?: string[];
            /**
             * @description Due this many days after the revision takes effect (or after assignment, for later joiners)
             * @example 14
             */
            dueInDays: number;
            /**
             * @description Acknowledging needs the password re-entered (an e-signature)
             * @default false
             */
            requireSignature?: boolean;
            /** @description Minor revisions need re-reading too; when false, an acknowledgement of the previous revision carries over */
            retrainOnMinor: boolean;
            /**
             * @default []
             * @example [
             *       "approver"
             *     ]
             */
            roles?: ("admin" | "quality_lead" | "approver" | "staff" | "auditor")[];
            /**
             * @description Named users
             * @default []
             */
            userIds?: string[];
        };
        TrainingRequirementResponse: {
            departmentIds: string[];
            /** Format: uuid */
            documentId: string;
            dueInDays: number;
            requireSignature: boolean;
            retrainOnMinor: boolean;
            roles: ("admin" | "quality_lead" | "approver" | "staff" | "auditor")[];
            /** Format: date-time */
            updatedAt: string;
            /** Format: uuid */
            updatedBy: string;
            userIds: string[];
        };
        TransitionProposalDto: {
            /**
             * Format: uuid
             * @description Triage only: hand the proposal to this active user
             */
            assigneeId?: string;
            /** @description Why; required when rejecting */
            comment?: string;
            /**
             * @description The status to move to
             * @enum {string}
             */
            to: "submitted" | "under_review" | "accepted" | "rejected" | "implemented" | "closed" | "withdrawn";
        };
        TriageCounts: {
            /** @description Proposals undecided past their triage date (GET /proposals?overdue=true) */
            proposalsOverdue: number;
            /** @description Proposals submitted and not yet triaged */
            proposalsToTriage: number;
        };
        UpdateRevisionDto: {
            /** @description Markdown */
            body?: string;
            /** @enum {string} */
            changeLevel?: "major" | "minor";
            changeSummary?: string;
            reason?: string;
        };
        UpdateUserDto: {
            /** @description false deactivates: no sign-in, tokens and API keys stop working */
            active?: boolean;
            departmentIds?: string[];
            name?: string;
            roles?: ("admin" | "quality_lead" | "approver" | "staff" | "auditor")[];
        };
        UserPage: {
            items: components["schemas"]["UserResponse"][];
            nextCursor: string | null;
        };
        UserResponse: {
            active: boolean;
            /** Format: date-time */
            createdAt: string;
            departmentIds: string[];
            email: string;
            /** Format: uuid */
            id: string;
            name: string;
            /** @description The password was set by an administrator: the user must change it (POST /auth/password) before any e-signature */
            passwordMustChange: boolean;
            roles: ("admin" | "quality_lead" | "approver" | "staff" | "auditor")[];
            /** Format: date-time */
            updatedAt: string;
        };
        VerifiedCheckpoint: {
            /** @description The chain up to and including this seq matches the checkpoint */
            seq: number;
            /** Format: date-time */
            time: string;
        };
        WebhookDeliveryPage: {
            items: components["schemas"]["WebhookDeliveryResponse"][];
            nextCursor: string | null;
        };
        WebhookDeliveryResponse: {
            /** @description Attempts made so far */
            attempts: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            deliveredAt: string | null;
            /**
             * Format: uuid
             * @description The audit event; `id` of the delivered body
             */
            eventId: string;
            /**
             * Format: uuid
             * @description Also sent as X-Praxis-Delivery
             */
            id: string;
            lastError: string | null;
            /** @description HTTP status of the last attempt */
            lastStatusCode: number | null;
            /**
             * Format: date-time
             * @description When a pending delivery is tried next
             */
            nextAttemptAt: string | null;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            /** @example revision.effective */
            type: string;
        };
        WebhookPage: {
            items: components["schemas"]["WebhookResponse"][];
            nextCursor: string | null;
        };
        WebhookResponse: {
            active: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            createdBy: string | null;
            events: string[];
            /** Format: uuid */
            id: string;
            url: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    ApiKeysController_list: {
        parameters: {
            query?: {
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Own keys; an admin sees all */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyPage"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ApiKeysController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyDto"];
            };
        };
        responses: {
            /** @description `key` is shown this once only */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKeyResponse"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ApiKeysController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked; the key now gets 401 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuditController_list: {
        parameters: {
            query?: {
                action?: string;
                actorId?: string;
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                entityId?: string;
                entityType?: string;
                from?: string;
                limit?: number;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEventPage"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuditCheckpointsController_list: {
        parameters: {
            query?: {
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditCheckpointPage"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuditController_export: {
        parameters: {
            query?: {
                format?: "jsonl" | "csv";
                /** @description Events at or after this time (ISO 8601) */
                from?: string;
                /** @description Events before this time (ISO 8601, exclusive) */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stream */
            200: {
                headers: {
                    /** @description The newest signed checkpoint when the export started, as JSON (as GET /audit-events/checkpoints returns it); absent when there is none yet. The stream itself carries events only. */
                    "X-Praxis-Checkpoint"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuditController_verify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditVerifyResponse"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponse"];
                };
            };
            /** @description Bad credentials (same answer for an unknown e-mail) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many failures for this account from this address, or from this address; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordDto"];
            };
        };
        responses: {
            /** @description Changed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description newPassword too short, too long or the same as the current one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description currentPassword is wrong (or not authenticated)
             *
             *     Not authenticated
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Session cookie without X-CSRF-Token
             *
             *     Allowed roles: admin, quality_lead, approver, staff, auditor
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many wrong current passwords; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_openSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionResponse"];
                };
            };
            /** @description Bad credentials (same answer for an unknown e-mail) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many failures for this account from this address, or from this address; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_closeSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_signOutEverywhere: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out everywhere */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DepartmentsController_list: {
        parameters: {
            query?: {
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DepartmentPage"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DepartmentsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateDepartmentDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DepartmentResponse"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Code already in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DocumentsController_list: {
        parameters: {
            query?: {
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                departmentId?: string;
                limit?: number;
                /** @description Words in the number or title */
                q?: string;
                status?: "draft" | "effective" | "obsolete";
                type?: "sop" | "work_instruction" | "policy" | "form";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentPage"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DocumentsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateDocumentDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentResponse"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DocumentsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentResponse"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    EvidencePackController_export: {
        parameters: {
            query?: {
                /** @description Start of the window (ISO 8601, inclusive). Default: the beginning. Revisions still in force at or after it, and acknowledgements, proposals and audit events from it on, are included. */
                from?: string;
                /** @description End of the window (ISO 8601, exclusive). Default: now. Must be after `from`. */
                to?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The zip */
            200: {
                headers: {
                    /** @description The pack id (manifest `packId`, entityId of its audit event) */
                    "X-Praxis-Evidence-Pack"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": string;
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DocumentsController_retire: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RetireDocumentDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentResponse"];
                };
            };
            /**
             * @description Wrong password
             *
             *     Not authenticated
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Not allowed, or password-change-required: the password is a temporary one an administrator set
             *
             *     Allowed roles: admin, quality_lead
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DocumentsController_history: {
        parameters: {
            query?: {
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevisionHistory"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DocumentsController_createRevision: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRevisionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevisionResponse"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An open revision exists, or the document is obsolete */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TrainingRequirementsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrainingRequirementResponse"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such document, or it has no training requirement */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TrainingRequirementsController_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TrainingRequirementDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrainingRequirementResponse"];
                };
            };
            /** @description Unknown department or user (errors name the field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The document is obsolete */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SigningController_publicKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicKeyResponse"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    MarkdownController_preview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MarkdownPreviewDto"];
            };
        };
        responses: {
            /** @description A sanitised HTML fragment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    MyAssignmentsController_list: {
        parameters: {
            query?: {
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                /** @description Only the assignments of this document */
                documentId?: string;
                limit?: number;
                /** @description Default: pending, overdue and done (superseded ones only when asked for); `open`: pending and overdue together (what is still to read). Withdrawn assignments (document retired, or no longer covered) are never listed. */
                status?: "pending" | "overdue" | "done" | "superseded" | "open";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MyAssignmentPage"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    MeNotificationsController_list: {
        parameters: {
            query?: {
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                limit?: number;
                /** @description Only unread ones */
                unread?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPage"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    MeNotificationsController_read: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationResponse"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    MeController_signingQueue: {
        parameters: {
            query?: {
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SigningQueuePage"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    MeController_summary: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeSummary"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ProposalsController_list: {
        parameters: {
            query?: {
                /** @description Only those assigned to this user */
                assigneeId?: string;
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                documentId?: string;
                kind?: "improvement" | "practice_deviation" | "error" | "new_procedure";
                limit?: number;
                /** @description true: still submitted or under review past the triage due date; false: all the others */
                overdue?: boolean;
                status?: "submitted" | "under_review" | "accepted" | "rejected" | "implemented" | "closed" | "withdrawn";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProposalPage"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ProposalsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProposalDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProposalDetail"];
                };
            };
            /** @description No document for a kind that needs one */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The document does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The document is obsolete */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ProposalsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProposalDetail"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ProposalsController_assign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignProposalDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProposalDetail"];
                };
            };
            /** @description An unknown or inactive assignee */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Not a quality lead or an admin
             *
             *     Allowed roles: admin, quality_lead
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The proposal is closed or withdrawn */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ProposalsController_comment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CommentProposalDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimelineEntry"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ProposalsController_transition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransitionProposalDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProposalDetail"];
                };
            };
            /** @description Rejected without a comment, or an unknown assignee */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not allowed from the current status; detail names what is */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DocumentReportsController_reviewsDue: {
        parameters: {
            query?: {
                /** @description Due on or before this date; default: 30 days from today */
                before?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewsDueReport"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TrainingReportsController_report: {
        parameters: {
            query?: {
                /** @description Count only this department's active members; list only documents whose requirement names the department or covers at least one of its active members */
                departmentId?: string;
                /** @description Only this document */
                documentId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrainingReport"];
                    "text/csv": components["schemas"]["TrainingReport"];
                };
            };
            /** @description An id is not a UUID */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TrainingReportsController_departments: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrainingDepartmentReport"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TrainingReportsController_matrix: {
        parameters: {
            query?: {
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                /** @description Only this department's active members */
                departmentId?: string;
                /** @description Only the users this effective document requires, and of their training only this document (done is 1 or 0): the people behind its row of GET /reports/training */
                documentId?: string;
                limit?: number;
                /** @description true: only users with at least one overdue item (of documentId, when given) */
                overdue?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrainingMatrixPage"];
                    "text/csv": components["schemas"]["TrainingMatrixPage"];
                };
            };
            /** @description departmentId is not a UUID, or the cursor is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    RevisionsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Current version of the revision */
                    ETag?: unknown;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevisionWithBody"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    RevisionsController_update: {
        parameters: {
            query?: never;
            header: {
                /** @description ETag from GET /revisions/:id */
                "If-Match": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRevisionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevisionWithBody"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not a draft */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Someone else saved first */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description If-Match is missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AcknowledgementsController_list: {
        parameters: {
            query?: {
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcknowledgementPage"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AcknowledgementsController_acknowledge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcknowledgeDto"];
            };
        };
        responses: {
            /** @description Already acknowledged: the record */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcknowledgementResponse"];
                };
            };
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcknowledgementResponse"];
                };
            };
            /** @description Password or comment missing */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description The password is wrong
             *
             *     Not authenticated
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description password-change-required: the password is a temporary one an administrator set
             *
             *     Allowed roles: admin, quality_lead, approver, staff
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such revision, or one you may not see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The revision is not the effective one (also for a superseded or retired one you were assigned) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    CopiesController_list: {
        parameters: {
            query?: {
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ControlledCopyPage"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    RevisionsController_diff: {
        parameters: {
            query: {
                /** @description The revision to compare from */
                against: string;
                format?: "unified" | "json" | "html";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The diff */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    RevisionsController_html: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An HTML fragment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    RevisionImpactController_impact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevisionImpactResponse"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    CopiesController_pdf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PDF */
            200: {
                headers: {
                    /** @description The copy’s id */
                    "X-Praxis-Copy-Id"?: string;
                    /** @description The copy number */
                    "X-Praxis-Copy-Number"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such revision, or not one the caller may read */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    RevisionsController_sign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignRevisionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignatureResponse"];
                };
            };
            /**
             * @description The password is wrong
             *
             *     Not authenticated
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Not an assigned reviewer/approver, or password-change-required: the password is a temporary one an administrator set
             *
             *     Allowed roles: admin, quality_lead, approver
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not in review, or already signed with that meaning */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    RevisionsController_submit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubmitRevisionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevisionResponse"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Empty body or a required template section missing */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SearchController_find: {
        parameters: {
            query: {
                limit?: number;
                /** @description Words to find (web-search syntax: "quoted phrase", -excluded, or) */
                q: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchResults"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description problem+json with Retry-After: `search-timeout` when the search ran past SEARCH_TIMEOUT_MS (use more specific words), `search-busy` when too many searches are already running or waiting (a quarter of the connection pool serves searches, so other requests always find a connection). Snippets come from the first 100,000 characters of a body. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SigningKeysController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SigningKeyList"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, approver, staff, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TemplatesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateList"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TemplatesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateResponse"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No template with this key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UsersController_list: {
        parameters: {
            query?: {
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPage"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UsersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description Invalid input or unknown department */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description E-mail already in use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UsersController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin, quality_lead, auditor */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UsersController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Would leave no active admin */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UsersController_resetPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResetPasswordDto"];
            };
        };
        responses: {
            /** @description Set */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description newPassword too short or too long, or no password */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description The admin’s password is wrong
             *
             *     Not authenticated
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Not an admin, the admin’s own account, or the admin’s own password is a temporary one (password-change-required)
             *
             *     Allowed roles: admin
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many wrong passwords; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    WebhooksController_list: {
        parameters: {
            query?: {
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookPage"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    WebhooksController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookDto"];
            };
        };
        responses: {
            /** @description The secret is never returned */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookResponse"];
                };
            };
            /** @description Bad URL (not http(s), or not a public address), events or secret */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    WebhooksController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    WebhooksController_deliveries: {
        parameters: {
            query?: {
                /** @description Opaque cursor from a previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
            /** @description Not authenticated */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Allowed roles: admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The database does not answer */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HealthController_scrape: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
