<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>ActionType</name>
    <message>
        <source>Rotate the seal key</source>
        <translation>Siegelschlüssel wechseln</translation>
    </message>
    <message>
        <source>Rotate the audit key</source>
        <translation>Protokollschlüssel wechseln</translation>
    </message>
    <message>
        <source>Retire a key</source>
        <translation>Schlüssel stilllegen</translation>
    </message>
    <message>
        <source>Change the quorum policy</source>
        <translation>Quorumsregel ändern</translation>
    </message>
    <message>
        <source>Add a custodian</source>
        <translation>Verwahrer hinzufügen</translation>
    </message>
    <message>
        <source>Remove a custodian</source>
        <translation>Verwahrer entfernen</translation>
    </message>
    <message>
        <source>Grant a role</source>
        <translation>Rolle vergeben</translation>
    </message>
    <message>
        <source>Revoke a role</source>
        <translation>Rolle entziehen</translation>
    </message>
    <message>
        <source>Change the signing policy</source>
        <translation>Signaturrichtlinie ändern</translation>
    </message>
    <message>
        <source>Register a standby seal token</source>
        <translation>Ersatz-Siegeltoken registrieren</translation>
    </message>
    <message>
        <source>Delete documents at the end of retention</source>
        <translation>Dokumente am Ende der Aufbewahrungsfrist löschen</translation>
    </message>
</context>
<context>
    <name>AddCustodianDialog</name>
    <message>
        <source>e.g. Dana Weber</source>
        <translation>z. B. Dana Weber</translation>
    </message>
    <message>
        <source>their certificate file (PEM or DER)</source>
        <translation>die Zertifikatsdatei (PEM oder DER)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Certificate:</source>
        <translation>&amp;Zertifikat:</translation>
    </message>
    <message>
        <source>Certificate file</source>
        <translation>Zertifikatsdatei</translation>
    </message>
    <message>
        <source>&amp;Key label:</source>
        <translation>&amp;Schlüsselbezeichnung:</translation>
    </message>
    <message>
        <source>Label of the custodian&apos;s key on their token</source>
        <translation>Bezeichnung des Verwahrer-Schlüssels auf dem Token</translation>
    </message>
    <message>
        <source>The new custodian&apos;s token</source>
        <translation>Token des neuen Verwahrers</translation>
    </message>
    <message>
        <source>The custodian&apos;s certificate</source>
        <translation>Zertifikat des Verwahrers</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der)</source>
        <translation>Zertifikate (*.pem *.crt *.cer *.der)</translation>
    </message>
    <message>
        <source>Type the custodian&apos;s name.</source>
        <translation>Geben Sie den Namen des Verwahrers ein.</translation>
    </message>
    <message>
        <source>Choose the custodian&apos;s certificate file.</source>
        <translation>Wählen Sie die Zertifikatsdatei des Verwahrers.</translation>
    </message>
    <message>
        <source>Give the label of the key on their token.</source>
        <translation>Geben Sie die Bezeichnung des Schlüssels auf dem Token an.</translation>
    </message>
    <message>
        <source>Registering this custodian</source>
        <translation>Verwahrer wird registriert</translation>
    </message>
    <message>
        <source>Recording this proposal</source>
        <translation>Antrag wird aufgezeichnet</translation>
    </message>
</context>
<context>
    <name>AnchorPanel</name>
    <message>
        <source>Anchors: reading…</source>
        <translation>Verankerung: wird gelesen…</translation>
    </message>
    <message>
        <source>Anchor status</source>
        <translation>Verankerungsstatus</translation>
    </message>
    <message>
        <source>Anchor warning</source>
        <translation>Verankerungswarnung</translation>
    </message>
    <message>
        <source>Anchors: the status could not be read: {0}</source>
        <translation>Verankerung: der Status konnte nicht gelesen werden: {0}</translation>
    </message>
    <message>
        <source>Anchors: no anchored checkpoint was found.</source>
        <translation>Verankerung: kein verankerter Prüfpunkt gefunden.</translation>
    </message>
    <message>
        <source>TSA time {0} UTC</source>
        <translation>TSA-Zeit {0} UTC</translation>
    </message>
    <message>
        <source>no trusted TSA time</source>
        <translation>keine vertrauenswürdige TSA-Zeit</translation>
    </message>
    <message>
        <source>Last anchored checkpoint: {0} entries, signed {1} UTC, {2} ({3}).</source>
        <translation>Letzter verankerter Prüfpunkt: {0} Einträge, signiert {1} UTC, {2} ({3}).</translation>
    </message>
    <message>
        <source>Anchor folder (set in [audit] anchor_dir): {0}</source>
        <translation>Verankerungsordner (in [audit] anchor_dir festgelegt): {0}</translation>
    </message>
    <message>
        <source>Anchor folder: {0}, the default inside the data folder; set [audit] anchor_dir to removable media or a WORM share so that someone who can write the data folder cannot rewrite it too.</source>
        <translation>Verankerungsordner: {0}, die Vorgabe im Datenordner; setzen Sie [audit] anchor_dir auf einen Wechseldatenträger oder eine WORM-Freigabe, damit niemand, der den Datenordner schreiben kann, auch ihn umschreiben kann.</translation>
    </message>
    <message>
        <source>Timestamps are turned off ([audit] timestamp_checkpoints).</source>
        <translation>Zeitstempel sind ausgeschaltet ([audit] timestamp_checkpoints).</translation>
    </message>
    <message>
        <source>⚠ Warning: the anchor folder does not exist or is not mounted: checkpoints cannot be anchored.</source>
        <translation>⚠ Warnung: der Verankerungsordner existiert nicht oder ist nicht eingehängt: Prüfpunkte können nicht verankert werden.</translation>
    </message>
    <message>
        <source>⚠ Warning: the newest checkpoint ({0} entries) is not anchored; {1} entries are covered only by the database&apos;s own checkpoints.</source>
        <translation>⚠ Warnung: der neueste Prüfpunkt ({0} Einträge) ist nicht verankert; {1} Einträge sind nur durch die eigenen Prüfpunkte der Datenbank abgedeckt.</translation>
    </message>
    <message>
        <source>⚠ Warning: anchors are stale: the newest anchor is more than {0} hours older than the newest checkpoint. Check the TSA and the anchor folder.</source>
        <translation>⚠ Warnung: die Verankerung ist veraltet: die neueste Verankerung ist mehr als {0} Stunden älter als der neueste Prüfpunkt. Prüfen Sie die TSA und den Verankerungsordner.</translation>
    </message>
    <message>
        <source>✘ Problem: {0}</source>
        <translation>✘ Problem: {0}</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <source>Approve or reject proposal {proposal_id}</source>
        <translation>Antrag {proposal_id} freigeben oder ablehnen</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt; — proposal {proposal_id}</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt; — Antrag {proposal_id}</translation>
    </message>
    <message>
        <source>Proposal content (canonical JSON; its SHA-256 is the hash):</source>
        <translation>Inhalt des Antrags (kanonisches JSON; sein SHA-256 ist der Hash):</translation>
    </message>
    <message>
        <source>Proposal content</source>
        <translation>Inhalt des Antrags</translation>
    </message>
    <message>
        <source>Sign and approve</source>
        <translation>Signieren und freigeben</translation>
    </message>
    <message>
        <source> (new {algorithm} key, certificate CN “{common_name}”)</source>
        <translation> (neuer {algorithm}-Schlüssel, Zertifikat CN „{common_name}“)</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>Änderung:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>Proposed by:</source>
        <translation>Beantragt von:</translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation>Läuft ab:</translation>
    </message>
    <message>
        <source>{expires:%Y-%m-%d %H:%M} UTC</source>
        <translation>{expires:%Y-%m-%d %H:%M} UTC</translation>
    </message>
    <message>
        <source>Approvals so far:</source>
        <translation>Bisherige Freigaben:</translation>
    </message>
    <message>
        <source>{approvals} of {required}</source>
        <translation>{approvals} von {required}</translation>
    </message>
    <message>
        <source>Proposal hash</source>
        <translation>Antrags-Hash</translation>
    </message>
    <message>
        <source>Proposal hash (SHA-256):</source>
        <translation>Antrags-Hash (SHA-256):</translation>
    </message>
    <message>
        <source>Your decision</source>
        <translation>Ihre Entscheidung</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Comment recorded with your decision (optional)</source>
        <translation>Kommentar zu Ihrer Entscheidung (optional)</translation>
    </message>
    <message>
        <source>Your token signs exactly these bytes (UTF-8):</source>
        <translation>Ihr Token signiert genau diese Bytes (UTF-8):</translation>
    </message>
    <message>
        <source>Signed statement</source>
        <translation>Signierte Erklärung</translation>
    </message>
    <message>
        <source>Your custodian token</source>
        <translation>Ihr Verwahrer-Token</translation>
    </message>
    <message>
        <source>PKCS#11 module</source>
        <translation>PKCS#11-Modul</translation>
    </message>
    <message>
        <source>PKCS#11 module:</source>
        <translation>PKCS#11-Modul:</translation>
    </message>
    <message>
        <source>Custodian token</source>
        <translation>Verwahrer-Token</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <source>Who signs</source>
        <translation>Wer signiert</translation>
    </message>
    <message>
        <source>Signing as:</source>
        <translation>Signiert als:</translation>
    </message>
    <message>
        <source>Custodian PIN</source>
        <translation>Verwahrer-PIN</translation>
    </message>
    <message>
        <source>Your token&apos;s user PIN</source>
        <translation>Benutzer-PIN Ihres Tokens</translation>
    </message>
    <message>
        <source>PIN:</source>
        <translation>PIN:</translation>
    </message>
    <message>
        <source>Sign and reject</source>
        <translation>Signieren und ablehnen</translation>
    </message>
    <message>
        <source>Looking for tokens…</source>
        <translation>Tokens werden gesucht…</translation>
    </message>
    <message>
        <source>{label} (serial {serial})</source>
        <translation>{label} (Seriennummer {serial})</translation>
    </message>
    <message>
        <source>No custodian token found: connect yours and refresh</source>
        <translation>Kein Verwahrer-Token gefunden: schließen Sie Ihres an und aktualisieren Sie</translation>
    </message>
    <message>
        <source>Checking which custodian this token belongs to…</source>
        <translation>Es wird geprüft, zu welchem Verwahrer dieses Token gehört…</translation>
    </message>
    <message>
        <source>You are signing as: {name} (certificate SHA-256 {sha}…)</source>
        <translation>Sie signieren als: {name} (Zertifikat SHA-256 {sha}…)</translation>
    </message>
    <message>
        <source>Certificate SHA-256: {sha}</source>
        <translation>Zertifikat SHA-256: {sha}</translation>
    </message>
    <message>
        <source>Warning: the key of {name}, a removed custodian; signing would be refused.</source>
        <translation>Warnung: der Schlüssel von {name}, einem entfernten Verwahrer; das Signieren würde abgelehnt.</translation>
    </message>
    <message>
        <source>Warning: not a registered custodian&apos;s certificate; signing would be refused.</source>
        <translation>Warnung: kein Zertifikat eines registrierten Verwahrers; das Signieren würde abgelehnt.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Certificates on this token (SHA-256):
{shown}</source>
        <translation>Zertifikate auf diesem Token (SHA-256):
{shown}</translation>
    </message>
    <message>
        <source>Could not tell who this token signs as: {why}</source>
        <translation>Es ließ sich nicht feststellen, als wer dieses Token signiert: {why}</translation>
    </message>
    <message>
        <source>Recording this decision</source>
        <translation>Entscheidung wird aufgezeichnet</translation>
    </message>
</context>
<context>
    <name>ArchiveLock</name>
    <message>
        <source>Document archive state</source>
        <translation>Zustand des Dokumentenarchivs</translation>
    </message>
    <message>
        <source>&amp;Unlock document archive…</source>
        <translation>Dokumentenarchiv &amp;entsperren…</translation>
    </message>
    <message>
        <source>Document archive: locked</source>
        <translation>Dokumentenarchiv: gesperrt</translation>
    </message>
    <message>
        <source>Stored documents are encrypted and cannot be previewed, checked or copied until the archive is unlocked with the token ({keys}).</source>
        <translation>Gespeicherte Dokumente sind verschlüsselt und können erst angezeigt, geprüft oder kopiert werden, wenn das Archiv mit dem Token entsperrt ist ({keys}).</translation>
    </message>
    <message>
        <source>Document archive: unlocked</source>
        <translation>Dokumentenarchiv: entsperrt</translation>
    </message>
    <message>
        <source>The token&apos;s storage key opens stored documents until SealDesk closes.</source>
        <translation>Der Speicherschlüssel des Tokens öffnet gespeicherte Dokumente, bis SealDesk beendet wird.</translation>
    </message>
    <message>
        <source>Finding the token to unlock the document archive…</source>
        <translation>Token zum Entsperren des Dokumentenarchivs wird gesucht…</translation>
    </message>
    <message>
        <source>Log in and unlock</source>
        <translation>Anmelden und entsperren</translation>
    </message>
    <message>
        <source>The document archive stays locked: no PIN was entered.</source>
        <translation>Das Dokumentenarchiv bleibt gesperrt: Es wurde keine PIN eingegeben.</translation>
    </message>
    <message>
        <source>Unlocking the document archive…</source>
        <translation>Dokumentenarchiv wird entsperrt…</translation>
    </message>
    <message>
        <source>The document archive is unlocked.</source>
        <translation>Das Dokumentenarchiv ist entsperrt.</translation>
    </message>
    <message>
        <source>The document archive stays locked</source>
        <translation>Das Dokumentenarchiv bleibt gesperrt</translation>
    </message>
</context>
<context>
    <name>AuditFilterBar</name>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <source>{name} (UTC day); &apos;any&apos; for no limit</source>
        <translation>{name} (UTC-Tag); „beliebig“ für keine Grenze</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>Ereignistyp</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>Alle Ereignisse</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <source>Document SHA-256</source>
        <translation>Dokument-SHA-256</translation>
    </message>
    <message>
        <source>Document hash</source>
        <translation>Dokument-Hash</translation>
    </message>
    <message>
        <source>Search text…</source>
        <translation>Text suchen…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
</context>
<context>
    <name>AuditLogPage</name>
    <message>
        <source>Verify log</source>
        <translation>Protokoll prüfen</translation>
    </message>
    <message>
        <source>Show proof…</source>
        <translation>Nachweis anzeigen…</translation>
    </message>
    <message>
        <source>Check against file…</source>
        <translation>Gegen Datei prüfen…</translation>
    </message>
    <message>
        <source>Export checkpoint…</source>
        <translation>Prüfpunkt exportieren…</translation>
    </message>
    <message>
        <source>Export view…</source>
        <translation>Ansicht exportieren…</translation>
    </message>
    <message>
        <source>Show &amp;raw payload</source>
        <translation>&amp;Rohdaten anzeigen</translation>
    </message>
    <message>
        <source>Show the entry&apos;s hashes and its canonical payload exactly as hashed ({0})</source>
        <translation>Die Hashes des Eintrags und seine kanonischen Nutzdaten genau so anzeigen, wie sie gehasht wurden ({0})</translation>
    </message>
    <message>
        <source>Show only &amp;problems</source>
        <translation>Nur Pro&amp;bleme anzeigen</translation>
    </message>
    <message>
        <source>Show only problems</source>
        <translation>Nur Probleme anzeigen</translation>
    </message>
    <message>
        <source>No matching events</source>
        <translation>Keine passenden Ereignisse</translation>
    </message>
    <message>
        <source>Verification result</source>
        <translation>Prüfergebnis</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the verification (Esc); nothing is concluded</source>
        <translation>Die Prüfung anhalten (Esc); es wird nichts gefolgert</translation>
    </message>
    <message>
        <source>Entry details</source>
        <translation>Eintragsdetails</translation>
    </message>
    <message>
        <source>Select an entry to see its payload and hashes.</source>
        <translation>Wählen Sie einen Eintrag, um seine Nutzdaten und Hashes zu sehen.</translation>
    </message>
    <message>
        <source>&amp;Verify log</source>
        <translation>Protokoll &amp;prüfen</translation>
    </message>
    <message>
        <source>Recompute the hash chain and the Merkle roots and check every signed checkpoint and anchor (no token needed)</source>
        <translation>Die Hash-Kette und die Merkle-Wurzeln neu berechnen und jeden signierten Prüfpunkt und jede Verankerung prüfen (kein Token nötig)</translation>
    </message>
    <message>
        <source>Show inclusion p&amp;roof…</source>
        <translation>&amp;Einschlussnachweis anzeigen…</translation>
    </message>
    <message>
        <source>Check against a checkpoint &amp;file…</source>
        <translation>Gegen Prüfpunkt&amp;datei prüfen…</translation>
    </message>
    <message>
        <source>Pick a checkpoint file exported earlier: does the log still begin with the history it signed? (catches a rollback or a rewrite)</source>
        <translation>Wählen Sie eine früher exportierte Prüfpunktdatei: beginnt das Protokoll noch mit dem Verlauf, den sie signiert hat? (erkennt ein Zurücksetzen oder Umschreiben)</translation>
    </message>
    <message>
        <source>&amp;Export latest checkpoint…</source>
        <translation>Neuesten Prüfpunkt e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Save the latest signed checkpoint, to check this log against later</source>
        <translation>Den neuesten signierten Prüfpunkt speichern, um dieses Protokoll später dagegen zu prüfen</translation>
    </message>
    <message>
        <source>Export &amp;view…</source>
        <translation>&amp;Ansicht exportieren…</translation>
    </message>
    <message>
        <source>Save the events shown (filters applied) as CSV or JSON</source>
        <translation>Die angezeigten Ereignisse (mit Filtern) als CSV oder JSON speichern</translation>
    </message>
    <message>
        <source>Show raw pa&amp;yload</source>
        <translation>&amp;Rohdaten anzeigen</translation>
    </message>
    <message>
        <source>Show the entry&apos;s hashes and canonical payload</source>
        <translation>Die Hashes und kanonischen Nutzdaten des Eintrags anzeigen</translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation>Protokolleinträge</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <source>Reading the audit log…</source>
        <translation>Prüfprotokoll wird gelesen…</translation>
    </message>
    <message>
        <source>{count} matching events shown (filters run in the database, newest first)</source>
        <translation>{count} passende Ereignisse angezeigt (Filter laufen in der Datenbank, neueste zuerst)</translation>
    </message>
    <message>
        <source>{count} matching events shown; more load as you scroll (filters run in the database, newest first)</source>
        <translation>{count} passende Ereignisse angezeigt; weitere laden beim Blättern (Filter laufen in der Datenbank, neueste zuerst)</translation>
    </message>
    <message>
        <source>{count} events in the log, newest first</source>
        <translation>{count} Ereignisse im Protokoll, neueste zuerst</translation>
    </message>
    <message>
        <source>No problems match these filters.</source>
        <translation>Keine Probleme passen zu diesen Filtern.</translation>
    </message>
    <message>
        <source>No problems: every entry that was checked is verified or intact.</source>
        <translation>Keine Probleme: jeder geprüfte Eintrag ist verifiziert oder intakt.</translation>
    </message>
    <message>
        <source>No events match these filters. Widen the period or clear a filter to see more.</source>
        <translation>Keine Ereignisse passen zu diesen Filtern. Erweitern Sie den Zeitraum oder entfernen Sie einen Filter, um mehr zu sehen.</translation>
    </message>
    <message>
        <source>The audit log is empty.</source>
        <translation>Das Prüfprotokoll ist leer.</translation>
    </message>
    <message>
        <source>Check: {0}. {1}</source>
        <translation>Prüfung: {0}. {1}</translation>
    </message>
    <message>
        <source>Inclusion proof of the selected entry against the latest signed checkpoint</source>
        <translation>Einschlussnachweis des gewählten Eintrags gegen den neuesten signierten Prüfpunkt</translation>
    </message>
    <message>
        <source>Select an entry first: a proof is for one entry.</source>
        <translation>Wählen Sie zuerst einen Eintrag: ein Nachweis gilt für einen Eintrag.</translation>
    </message>
    <message>
        <source>Export the events shown</source>
        <translation>Die angezeigten Ereignisse exportieren</translation>
    </message>
    <message>
        <source>CSV spreadsheet (*.csv);;JSON with payloads (*.json)</source>
        <translation>CSV-Tabelle (*.csv);;JSON mit Nutzdaten (*.json)</translation>
    </message>
    <message>
        <source>Exporting to {target}…</source>
        <translation>Export nach {target}…</translation>
    </message>
    <message>
        <source>A verification is running: wait for it or cancel it (Esc).</source>
        <translation>Eine Prüfung läuft: warten Sie darauf oder brechen Sie sie ab (Esc).</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Verifying… {0} of {1} entries</source>
        <translation>Wird geprüft… {0} von {1} Einträgen</translation>
    </message>
    <message>
        <source>✔ Audit log verified: {0} entries, {1} signed checkpoints, every root and signature intact ({2} s). Entries up to {3} are covered by a signed checkpoint.</source>
        <translation>✔ Prüfprotokoll verifiziert: {0} Einträge, {1} signierte Prüfpunkte, jede Wurzel und Signatur intakt ({2} s). Einträge bis {3} sind durch einen signierten Prüfpunkt abgedeckt.</translation>
    </message>
    <message>
        <source>✘ Verification FAILED: {0} problem(s), {1} entries named as not verified. Keep the database as it is; tick “Show only problems” to list them.</source>
        <translation>✘ Prüfung FEHLGESCHLAGEN: {0} Problem(e), {1} Einträge als nicht verifiziert benannt. Lassen Sie die Datenbank unverändert; aktivieren Sie „Nur Probleme anzeigen“, um sie aufzulisten.</translation>
    </message>
    <message>
        <source>… and {0} more.</source>
        <translation>… und {0} weitere.</translation>
    </message>
    <message>
        <source>Entries after entry {0} cannot be proven until that break is resolved.</source>
        <translation>Einträge nach Eintrag {0} können erst nachgewiesen werden, wenn dieser Bruch behoben ist.</translation>
    </message>
    <message>
        <source>Witnessed by {count} custodian co-signature(s): {names}.</source>
        <translation>Bezeugt durch {count} Gegensignatur(en) von Verwahrern: {names}.</translation>
    </message>
    <message>
        <source>Note: {0}</source>
        <translation>Hinweis: {0}</translation>
    </message>
    <message>
        <source>Show only the entries a finding names</source>
        <translation>Nur die Einträge anzeigen, die ein Befund nennt</translation>
    </message>
    <message>
        <source>Available after Verify log: problems are known only once the log has been checked.</source>
        <translation>Verfügbar nach „Protokoll prüfen“: Probleme sind erst bekannt, wenn das Protokoll geprüft wurde.</translation>
    </message>
    <message>
        <source>Verification cancelled; nothing was concluded.</source>
        <translation>Prüfung abgebrochen; es wurde nichts gefolgert.</translation>
    </message>
    <message>
        <source>Saving {path}</source>
        <translation>Speichere {path}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>{path} gespeichert</translation>
    </message>
    <message>
        <source>Export the latest checkpoint</source>
        <translation>Den neuesten Prüfpunkt exportieren</translation>
    </message>
    <message>
        <source>Checkpoint files (*.json);;All files (*)</source>
        <translation>Prüfpunktdateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Check the log against a checkpoint file</source>
        <translation>Das Protokoll gegen eine Prüfpunktdatei prüfen</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>(no such entry)</source>
        <translation>(kein solcher Eintrag)</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
</context>
<context>
    <name>AuditWords</name>
    <message>
        <source>Verified</source>
        <translation>Verifiziert</translation>
    </message>
    <message>
        <source>Intact, not yet signed</source>
        <translation>Intakt, unsigniert</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>Nicht verifiziert</translation>
    </message>
    <message>
        <source>Not yet checked</source>
        <translation>Noch nicht geprüft</translation>
    </message>
    <message>
        <source>Not verified (after {0})</source>
        <translation>Unverifiziert (nach {0})</translation>
    </message>
    <message>
        <source>The recorded event was changed after it was written: its content no longer matches its fingerprint.</source>
        <translation>Das aufgezeichnete Ereignis wurde nach dem Schreiben geändert: sein Inhalt passt nicht mehr zu seinem Fingerabdruck.</translation>
    </message>
    <message>
        <source>The entry&apos;s fingerprint was overwritten in the database.</source>
        <translation>Der Fingerabdruck des Eintrags wurde in der Datenbank überschrieben.</translation>
    </message>
    <message>
        <source>The entry no longer links to the one before it: entries were removed, replaced or reordered.</source>
        <translation>Der Eintrag verweist nicht mehr auf den vorigen: Einträge wurden entfernt, ersetzt oder umsortiert.</translation>
    </message>
    <message>
        <source>An entry was deleted and the later ones renumbered to hide the gap.</source>
        <translation>Ein Eintrag wurde gelöscht und die späteren umnummeriert, um die Lücke zu verbergen.</translation>
    </message>
    <message>
        <source>Entries were moved out of their recorded order.</source>
        <translation>Einträge wurden aus ihrer aufgezeichneten Reihenfolge verschoben.</translation>
    </message>
    <message>
        <source>An entry was inserted into the history afterwards.</source>
        <translation>Ein Eintrag wurde nachträglich in den Verlauf eingefügt.</translation>
    </message>
    <message>
        <source>Two entries claim the same place in the log.</source>
        <translation>Zwei Einträge beanspruchen denselben Platz im Protokoll.</translation>
    </message>
    <message>
        <source>The entries up to here no longer match what a signed checkpoint sealed: one of them was rewritten.</source>
        <translation>Die Einträge bis hier passen nicht mehr zu dem, was ein signierter Prüfpunkt versiegelt hat: einer von ihnen wurde umgeschrieben.</translation>
    </message>
    <message>
        <source>Entries at the end of the log were deleted.</source>
        <translation>Einträge am Ende des Protokolls wurden gelöscht.</translation>
    </message>
    <message>
        <source>The log&apos;s end marker disagrees with its entries: entries were added or removed outside SealDesk.</source>
        <translation>Die Endmarke des Protokolls widerspricht seinen Einträgen: Einträge wurden außerhalb von SealDesk hinzugefügt oder entfernt.</translation>
    </message>
    <message>
        <source>A signed checkpoint is damaged and cannot be read.</source>
        <translation>Ein signierter Prüfpunkt ist beschädigt und kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>A signed checkpoint was changed after it was signed.</source>
        <translation>Ein signierter Prüfpunkt wurde nach dem Signieren geändert.</translation>
    </message>
    <message>
        <source>A checkpoint&apos;s signature does not hold.</source>
        <translation>Die Signatur eines Prüfpunkts ist ungültig.</translation>
    </message>
    <message>
        <source>A checkpoint was signed with a certificate that is not a trusted audit certificate.</source>
        <translation>Ein Prüfpunkt wurde mit einem Zertifikat signiert, das kein vertrauenswürdiges Protokollzertifikat ist.</translation>
    </message>
    <message>
        <source>The signed checkpoints do not follow one another: one was removed or replaced.</source>
        <translation>Die signierten Prüfpunkte folgen nicht aufeinander: einer wurde entfernt oder ersetzt.</translation>
    </message>
    <message>
        <source>A checkpoint exists that the log never recorded.</source>
        <translation>Es gibt einen Prüfpunkt, den das Protokoll nie aufgezeichnet hat.</translation>
    </message>
    <message>
        <source>The log records a checkpoint that is no longer in the database.</source>
        <translation>Das Protokoll verzeichnet einen Prüfpunkt, der nicht mehr in der Datenbank ist.</translation>
    </message>
    <message>
        <source>A field shown in lists (who, what, when or which document) was edited in the database and no longer matches the signed record.</source>
        <translation>Ein in Listen gezeigtes Feld (wer, was, wann oder welches Dokument) wurde in der Datenbank bearbeitet und passt nicht mehr zum signierten Eintrag.</translation>
    </message>
    <message>
        <source>A checkpoint was signed with an audit key the log never approved.</source>
        <translation>Ein Prüfpunkt wurde mit einem Protokollschlüssel signiert, den das Protokoll nie bestätigt hat.</translation>
    </message>
    <message>
        <source>The entry differs from the copy kept in the out-of-band anchor folder.</source>
        <translation>Der Eintrag weicht von der Kopie im separaten Verankerungsordner ab.</translation>
    </message>
    <message>
        <source>An anchor file is damaged or was altered.</source>
        <translation>Eine Verankerungsdatei ist beschädigt oder wurde verändert.</translation>
    </message>
    <message>
        <source>The database was rolled back to an older copy: anchored entries are missing.</source>
        <translation>Die Datenbank wurde auf eine ältere Kopie zurückgesetzt: verankerte Einträge fehlen.</translation>
    </message>
    <message>
        <source>The audit key signed two different histories (proof of a fork).</source>
        <translation>Der Protokollschlüssel hat zwei verschiedene Verläufe signiert (Nachweis einer Gabelung).</translation>
    </message>
    <message>
        <source>Entry {0}</source>
        <translation>Eintrag {0}</translation>
    </message>
    <message>
        <source>One of entries {0} to {1}</source>
        <translation>Einer der Einträge {0} bis {1}</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>The hash chain holds up to this entry and a signed checkpoint covers it.</source>
        <translation>Die Hash-Kette ist bis zu diesem Eintrag intakt, und ein signierter Prüfpunkt deckt ihn ab.</translation>
    </message>
    <message>
        <source>The hash chain holds, but no signed checkpoint covers this entry yet; the next operation&apos;s checkpoint will.</source>
        <translation>Die Hash-Kette ist intakt, aber noch kein signierter Prüfpunkt deckt diesen Eintrag ab; der Prüfpunkt des nächsten Vorgangs wird es tun.</translation>
    </message>
    <message>
        <source>Not checked: run Verify log (entries added after a check are not checked either).</source>
        <translation>Nicht geprüft: führen Sie „Protokoll prüfen“ aus (nach einer Prüfung hinzugekommene Einträge sind ebenfalls ungeprüft).</translation>
    </message>
    <message>
        <source>Cannot be proven: the log is broken at entry {0}, and nothing after a break can be verified until it is resolved.</source>
        <translation>Nicht nachweisbar: das Protokoll ist bei Eintrag {0} gebrochen, und nach einem Bruch kann nichts verifiziert werden, bis er behoben ist.</translation>
    </message>
</context>
<context>
    <name>BundleViewer</name>
    <message>
        <source>Evidence bundle — SealDesk auditor mode (read only)</source>
        <translation>Beweispaket — SealDesk-Prüfermodus (nur lesen)</translation>
    </message>
    <message>
        <source>Evidence bundle: nothing is written; no token is needed.</source>
        <translation>Beweispaket: nichts wird geschrieben; kein Token wird benötigt.</translation>
    </message>
    <message>
        <source>Open an evidence bundle (.zip) to check it.</source>
        <translation>Öffnen Sie ein Beweispaket (.zip), um es zu prüfen.</translation>
    </message>
    <message>
        <source>Documents in the bundle</source>
        <translation>Dokumente im Beweispaket</translation>
    </message>
    <message>
        <source>Checks of the selected document</source>
        <translation>Prüfungen des ausgewählten Dokuments</translation>
    </message>
    <message>
        <source>Problems and notes</source>
        <translation>Probleme und Hinweise</translation>
    </message>
    <message>
        <source>Open bundle…</source>
        <translation>Beweispaket öffnen…</translation>
    </message>
    <message>
        <source>Trusted audit certificate…</source>
        <translation>Vertrauenswürdiges Protokollzertifikat…</translation>
    </message>
    <message>
        <source>Trusted root…</source>
        <translation>Vertrauenswürdige Wurzel…</translation>
    </message>
    <message>
        <source>Open evidence bundle</source>
        <translation>Beweispaket öffnen</translation>
    </message>
    <message>
        <source>Audit certificate you trust</source>
        <translation>Vertrauenswürdiges Protokollzertifikat</translation>
    </message>
    <message>
        <source>Root certificate you trust</source>
        <translation>Vertrauenswürdiges Wurzelzertifikat</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>{name} wird geprüft…</translation>
    </message>
    <message>
        <source>✓ all hold</source>
        <translation>✓ alles gültig</translation>
    </message>
    <message>
        <source>✗ {count} problem{plural}</source>
        <translation>✗ {count} Problem(e)</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>Keine Probleme gefunden.</translation>
    </message>
    <message>
        <source>Cannot check this bundle: {message}</source>
        <translation>Dieses Beweispaket kann nicht geprüft werden: {message}</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <source>Certificate “{label}”</source>
        <translation>Zertifikat „{label}“</translation>
    </message>
    <message>
        <source>(none stated)</source>
        <translation>(keine Angabe)</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Inhaber:</translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation>Aussteller:</translation>
    </message>
    <message>
        <source>Serial number:</source>
        <translation>Seriennummer:</translation>
    </message>
    <message>
        <source>Valid from:</source>
        <translation>Gültig ab:</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>Gültig bis:</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Schlüssel:</translation>
    </message>
    <message>
        <source>Key usage:</source>
        <translation>Schlüsselverwendung:</translation>
    </message>
    <message>
        <source>Extended key usage:</source>
        <translation>Erweiterte Schlüsselverwendung:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256-Fingerabdruck:</translation>
    </message>
    <message>
        <source>Chain to the trust anchor (issuer first):</source>
        <translation>Kette bis zum Vertrauensanker (Aussteller zuerst):</translation>
    </message>
    <message>
        <source>Certificate chain</source>
        <translation>Zertifikatskette</translation>
    </message>
    <message>
        <source>{n}. {subject} [{source}]
   SHA-256 {sha}</source>
        <translation>{n}. {subject} [{source}]
   SHA-256 {sha}</translation>
    </message>
    <message>
        <source>The chain ends at a configured trust anchor.</source>
        <translation>Die Kette endet bei einem konfigurierten Vertrauensanker.</translation>
    </message>
    <message>
        <source>No configured trust anchor was reached: verifiers will not trust this certificate unless they know its issuer.</source>
        <translation>Kein konfigurierter Vertrauensanker wurde erreicht: Prüfer vertrauen diesem Zertifikat nur, wenn sie seinen Aussteller kennen.</translation>
    </message>
    <message>
        <source>Export &amp;PEM…</source>
        <translation>Als &amp;PEM exportieren…</translation>
    </message>
    <message>
        <source>Export &amp;DER…</source>
        <translation>Als &amp;DER exportieren…</translation>
    </message>
    <message>
        <source>Export the certificate</source>
        <translation>Zertifikat exportieren</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der)</source>
        <translation>Zertifikate (*.pem *.crt *.cer *.der)</translation>
    </message>
    <message>
        <source>Exported as {fmt} to {path}.</source>
        <translation>Als {fmt} exportiert nach {path}.</translation>
    </message>
</context>
<context>
    <name>ChangePinDialog</name>
    <message>
        <source>Change a token&apos;s PIN</source>
        <translation>PIN eines Tokens ändern</translation>
    </message>
    <message>
        <source>Changes the user PIN of the seal token or of your custodian token. You need the current PIN; the change is recorded in the audit log (never the PINs).</source>
        <translation>Ändert die Benutzer-PIN des Siegel-Tokens oder Ihres Verwahrer-Tokens. Sie benötigen die aktuelle PIN; die Änderung wird im Prüfprotokoll festgehalten (die PINs nie).</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>Current PIN</source>
        <translation>Aktuelle PIN</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>Neue PIN</translation>
    </message>
    <message>
        <source>New PIN again</source>
        <translation>Neue PIN wiederholen</translation>
    </message>
    <message>
        <source>&amp;Current PIN:</source>
        <translation>&amp;Aktuelle PIN:</translation>
    </message>
    <message>
        <source>&amp;New PIN:</source>
        <translation>&amp;Neue PIN:</translation>
    </message>
    <message>
        <source>New PIN &amp;again:</source>
        <translation>Neue PIN &amp;wiederholen:</translation>
    </message>
    <message>
        <source>Change PIN</source>
        <translation>PIN ändern</translation>
    </message>
    <message>
        <source>seal token</source>
        <translation>Siegel-Token</translation>
    </message>
    <message>
        <source>custodian token</source>
        <translation>Verwahrer-Token</translation>
    </message>
    <message>
        <source>{label} (serial {serial}, {whose})</source>
        <translation>{label} (Seriennummer {serial}, {whose})</translation>
    </message>
    <message>
        <source>No token found: connect it and open this again.</source>
        <translation>Kein Token gefunden: Schließen Sie es an und öffnen Sie dies erneut.</translation>
    </message>
    <message>
        <source>This database is open read-only: a PIN change could not be recorded, so it is not offered here.</source>
        <translation>Diese Datenbank ist schreibgeschützt geöffnet: eine PIN-Änderung könnte nicht protokolliert werden, daher wird sie hier nicht angeboten.</translation>
    </message>
    <message>
        <source>Reading the token…</source>
        <translation>Token wird gelesen…</translation>
    </message>
    <message>
        <source>Type the current PIN.</source>
        <translation>Geben Sie die aktuelle PIN ein.</translation>
    </message>
    <message>
        <source>The token takes a new PIN of {low} to {high} characters.</source>
        <translation>Das Token nimmt eine neue PIN von {low} bis {high} Zeichen an.</translation>
    </message>
</context>
<context>
    <name>ConsistencyDialog</name>
    <message>
        <source>Check against {0}</source>
        <translation>Gegen {0} prüfen</translation>
    </message>
    <message>
        <source>and has grown from {0} to {1} entries since.</source>
        <translation>und ist seitdem von {0} auf {1} Einträge gewachsen.</translation>
    </message>
    <message>
        <source>and has not grown since ({0} entries).</source>
        <translation>und ist seitdem nicht gewachsen ({0} Einträge).</translation>
    </message>
    <message>
        <source>✔ Consistent: the audit log still begins with the history this checkpoint signed, {0}</source>
        <translation>✔ Konsistent: das Prüfprotokoll beginnt noch mit dem Verlauf, den dieser Prüfpunkt signiert hat, {0}</translation>
    </message>
    <message>
        <source>✔ Consistent, but the checkpoint file is signed by a certificate no configured trust anchor issued: compare it with the audit certificate you trust.</source>
        <translation>✔ Konsistent, aber die Prüfpunktdatei ist mit einem Zertifikat signiert, das kein konfigurierter Vertrauensanker ausgestellt hat: vergleichen Sie es mit dem Protokollzertifikat, dem Sie vertrauen.</translation>
    </message>
    <message>
        <source>✘ NOT consistent: {0}.</source>
        <translation>✘ NICHT konsistent: {0}.</translation>
    </message>
    <message>
        <source>Facts of the check</source>
        <translation>Fakten der Prüfung</translation>
    </message>
    <message>
        <source>This compares signed checkpoints: it shows whether the history was rolled back or rewritten since the file was exported. The entries&apos; contents are checked by Verify log.</source>
        <translation>Dies vergleicht signierte Prüfpunkte: es zeigt, ob der Verlauf seit dem Export der Datei zurückgesetzt oder umgeschrieben wurde. Den Inhalt der Einträge prüft „Protokoll prüfen“.</translation>
    </message>
    <message>
        <source>&amp;Save proof…</source>
        <translation>Nachweis &amp;speichern…</translation>
    </message>
    <message>
        <source>Save the consistency proof for &apos;sealdesk audit check-proof&apos;</source>
        <translation>Den Konsistenznachweis für &apos;sealdesk audit check-proof&apos; speichern</translation>
    </message>
    <message>
        <source>No proof: the log is not consistent with the file</source>
        <translation>Kein Nachweis: das Protokoll ist nicht konsistent mit der Datei</translation>
    </message>
    <message>
        <source>Checkpoint file:    {0}</source>
        <translation>Prüfpunktdatei:     {0}</translation>
    </message>
    <message>
        <source>It covers:          {0} entries, signed {1} UTC</source>
        <translation>Sie deckt ab:       {0} Einträge, signiert {1} UTC</translation>
    </message>
    <message>
        <source>The log now:        {0} entries in its newest signed checkpoint</source>
        <translation>Protokoll jetzt:    {0} Einträge im neuesten signierten Prüfpunkt</translation>
    </message>
    <message>
        <source>Signer trusted:     {0}</source>
        <translation>Signierer vertraut: {0}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Save consistency proof</source>
        <translation>Konsistenznachweis speichern</translation>
    </message>
    <message>
        <source>Proof files (*.json);;All files (*)</source>
        <translation>Nachweisdateien (*.json);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>CountersignDialog</name>
    <message>
        <source>Counter-sign as a custodian</source>
        <translation>Als Verwahrer gegenzeichnen</translation>
    </message>
    <message>
        <source>Your custodian token signs the SHA-256 of this document. The counter-signature is written beside it and recorded in the audit log; anyone can check it later with the document.</source>
        <translation>Ihr Verwahrer-Token signiert den SHA-256 dieses Dokuments. Die Gegenzeichnung wird daneben geschrieben und im Prüfprotokoll aufgezeichnet; jeder kann sie später mit dem Dokument prüfen.</translation>
    </message>
    <message>
        <source>Document:</source>
        <translation>Dokument:</translation>
    </message>
    <message>
        <source>Document SHA-256</source>
        <translation>SHA-256 des Dokuments</translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation>SHA-256:</translation>
    </message>
    <message>
        <source>Counter-sign</source>
        <translation>Gegenzeichnen</translation>
    </message>
    <message>
        <source>PKCS#11 module</source>
        <translation>PKCS#11-Modul</translation>
    </message>
    <message>
        <source>PKCS#11 module:</source>
        <translation>PKCS#11-Modul:</translation>
    </message>
    <message>
        <source>Custodian token</source>
        <translation>Verwahrer-Token</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Your token:</source>
        <translation>Ihr Token:</translation>
    </message>
    <message>
        <source>Custodian PIN</source>
        <translation>Verwahrer-PIN</translation>
    </message>
    <message>
        <source>Your custodian token&apos;s user PIN</source>
        <translation>Die Benutzer-PIN Ihres Verwahrer-Tokens</translation>
    </message>
    <message>
        <source>PIN:</source>
        <translation>PIN:</translation>
    </message>
    <message>
        <source>Looking for tokens…</source>
        <translation>Tokens werden gesucht…</translation>
    </message>
    <message>
        <source>{label} (serial {serial})</source>
        <translation>{label} (Seriennummer {serial})</translation>
    </message>
    <message>
        <source>No custodian token found: connect yours and refresh</source>
        <translation>Kein Verwahrer-Token gefunden: schließen Sie Ihres an und aktualisieren Sie</translation>
    </message>
</context>
<context>
    <name>CustodianForms</name>
    <message>
        <source>Registered custodian {name!r} (bootstrap; certificate {sha}…). Register the others, then set the quorum policy.</source>
        <translation>Verwahrer {name!r} registriert (Ersteinrichtung; Zertifikat {sha}…). Registrieren Sie die anderen und legen Sie dann die Quorumsregel fest.</translation>
    </message>
    <message>
        <source>While no quorum policy is set, the custodian is registered at once. Their token proves that it holds the key their certificate certifies.</source>
        <translation>Solange keine Quorumsregel festgelegt ist, wird der Verwahrer sofort registriert. Sein Token belegt, dass es den Schlüssel hält, den sein Zertifikat bescheinigt.</translation>
    </message>
    <message>
        <source>The custodians&apos; quorum decides: this makes a proposal to add them. The new custodian&apos;s token proves now that it holds the key their certificate certifies.</source>
        <translation>Das Quorum der Verwahrer entscheidet: dies stellt einen Antrag, ihn hinzuzufügen. Das Token des neuen Verwahrers belegt jetzt, dass es den Schlüssel hält, den sein Zertifikat bescheinigt.</translation>
    </message>
    <message>
        <source>Add a custodian</source>
        <translation>Verwahrer hinzufügen</translation>
    </message>
    <message>
        <source>Register custodian</source>
        <translation>Verwahrer registrieren</translation>
    </message>
    <message>
        <source>Propose adding</source>
        <translation>Hinzufügen beantragen</translation>
    </message>
    <message>
        <source>Remove a custodian</source>
        <translation>Verwahrer entfernen</translation>
    </message>
    <message>
        <source>Removing a custodian needs the quorum: this makes a proposal to remove them. SealDesk refuses it if the policy could no longer be met.</source>
        <translation>Das Entfernen eines Verwahrers braucht das Quorum: dies stellt einen Antrag, ihn zu entfernen. SealDesk lehnt ihn ab, wenn die Regel danach nicht mehr erfüllbar wäre.</translation>
    </message>
    <message>
        <source>Propose removal</source>
        <translation>Entfernen beantragen</translation>
    </message>
</context>
<context>
    <name>CustodianTokenBox</name>
    <message>
        <source>PKCS#11 module of the custodian&apos;s token</source>
        <translation>PKCS#11-Modul des Verwahrer-Tokens</translation>
    </message>
    <message>
        <source>Custodian token</source>
        <translation>Verwahrer-Token</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Akt&amp;ualisieren</translation>
    </message>
    <message>
        <source>List the module&apos;s tokens again (after plugging one in)</source>
        <translation>Die Tokens des Moduls erneut auflisten (nach dem Anschließen eines Tokens)</translation>
    </message>
    <message>
        <source>Custodian PIN</source>
        <translation>Verwahrer-PIN</translation>
    </message>
    <message>
        <source>the token&apos;s user PIN</source>
        <translation>die Benutzer-PIN des Tokens</translation>
    </message>
    <message>
        <source>PKCS#11 &amp;module:</source>
        <translation>PKCS#11-&amp;Modul:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>P&amp;IN:</source>
        <translation>P&amp;IN:</translation>
    </message>
    <message>
        <source>Looking for tokens…</source>
        <translation>Tokens werden gesucht…</translation>
    </message>
    <message>
        <source>{label} (serial {serial})</source>
        <translation>{label} (Seriennummer {serial})</translation>
    </message>
    <message>
        <source>No custodian token found: connect it and refresh</source>
        <translation>Kein Verwahrer-Token gefunden: schließen Sie es an und aktualisieren Sie</translation>
    </message>
    <message>
        <source>Looking for the custodian&apos;s token…</source>
        <translation>Token des Verwahrers wird gesucht…</translation>
    </message>
    <message>
        <source>Connect the custodian&apos;s token and press Refresh.</source>
        <translation>Schließen Sie das Token des Verwahrers an und drücken Sie Aktualisieren.</translation>
    </message>
    <message>
        <source>Type the custodian token&apos;s PIN.</source>
        <translation>Geben Sie die PIN des Verwahrer-Tokens ein.</translation>
    </message>
</context>
<context>
    <name>DisplaySection</name>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Language of the console</source>
        <translation>Sprache der Konsole</translation>
    </message>
    <message>
        <source>Automatic (the system&apos;s language)</source>
        <translation>Automatisch (Sprache des Systems)</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>Takes effect the next time SealDesk starts. The command line stays in English, so scripts read the same everywhere.</source>
        <translation>Wirkt beim nächsten Start von SealDesk. Die Befehlszeile bleibt englisch, damit Skripte überall gleich lesen.</translation>
    </message>
</context>
<context>
    <name>DocumentCommands</name>
    <message>
        <source>&amp;Add files…</source>
        <translation>Dateien &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Seal selected</source>
        <translation>Auswahl &amp;versiegeln</translation>
    </message>
    <message>
        <source>Seal &amp;all</source>
        <translation>&amp;Alle versiegeln</translation>
    </message>
    <message>
        <source>&amp;Remove from list</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Save sealed &amp;copy…</source>
        <translation>&amp;Kopie speichern…</translation>
    </message>
    <message>
        <source>Save a&amp;ll sealed copies…</source>
        <translation>A&amp;lle Kopien speichern…</translation>
    </message>
    <message>
        <source>Add PDF documents to seal</source>
        <translation>PDF-Dokumente zum Versiegeln hinzufügen</translation>
    </message>
    <message>
        <source>Seal the selected documents with the token</source>
        <translation>Die ausgewählten Dokumente mit dem Token versiegeln</translation>
    </message>
    <message>
        <source>Seal every document that is ready</source>
        <translation>Jedes bereite Dokument versiegeln</translation>
    </message>
    <message>
        <source>Remove from the list (sealed copies stay in the store)</source>
        <translation>Aus der Liste entfernen (versiegelte Kopien bleiben in der Ablage)</translation>
    </message>
    <message>
        <source>Save a copy of the selected sealed document</source>
        <translation>Eine Kopie des ausgewählten versiegelten Dokuments speichern</translation>
    </message>
    <message>
        <source>Save every sealed copy in the list to a folder</source>
        <translation>Jede versiegelte Kopie in der Liste in einen Ordner speichern</translation>
    </message>
    <message>
        <source>Document actions</source>
        <translation>Dokumentaktionen</translation>
    </message>
</context>
<context>
    <name>DocumentStatus</name>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Sealing…</source>
        <translation>Wird versiegelt…</translation>
    </message>
    <message>
        <source>Sealed</source>
        <translation>Versiegelt</translation>
    </message>
    <message>
        <source>Already sealed</source>
        <translation>Bereits versiegelt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Quarantined: re-seal</source>
        <translation>Unter Quarantäne: neu versiegeln</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>Token notice</source>
        <translation>Token-Hinweis</translation>
    </message>
    <message>
        <source>No documents yet.

Drop PDF files here, or use “Add files…” (Ctrl+O).</source>
        <translation>Noch keine Dokumente.

PDF-Dateien hierher ziehen oder „Dateien hinzufügen…“ (Strg+O) verwenden.</translation>
    </message>
    <message>
        <source>&amp;Place visible seal…</source>
        <translation>Sichtbares Siegel &amp;platzieren…</translation>
    </message>
    <message>
        <source>Drag a box on the preview where this batch&apos;s visible seal goes</source>
        <translation>Ziehen Sie in der Vorschau einen Rahmen, wo das sichtbare Siegel dieses Stapels hinkommt</translation>
    </message>
    <message>
        <source>Auditor mode — read only: no documents are added or sealed here.

The “Sealed documents” page lists every seal in this database copy.</source>
        <translation>Prüfermodus — nur lesen: hier werden keine Dokumente hinzugefügt oder versiegelt.

Die Seite „Versiegelte Dokumente“ listet jedes Siegel in dieser Datenbankkopie.</translation>
    </message>
    <message>
        <source>Select a document to place a visible seal on it.</source>
        <translation>Wählen Sie ein Dokument, um darauf ein sichtbares Siegel zu platzieren.</translation>
    </message>
    <message>
        <source>Drag a box on the page for the visible seal (Enter: the Settings box on this page; Esc: cancel).</source>
        <translation>Ziehen Sie auf der Seite einen Rahmen für das sichtbare Siegel (Eingabe: der Rahmen aus den Einstellungen auf dieser Seite; Esc: abbrechen).</translation>
    </message>
    <message>
        <source>Visible seal for the next batch: page {page}, box {box} (points). The seal dialog can change or clear it.</source>
        <translation>Sichtbares Siegel für den nächsten Stapel: Seite {page}, Rahmen {box} (Punkt). Im Siegeldialog können Sie es ändern oder entfernen.</translation>
    </message>
    <message>
        <source>Add documents</source>
        <translation>Dokumente hinzufügen</translation>
    </message>
    <message>
        <source>Checking {count} document(s)…</source>
        <translation>{count} Dokument(e) werden geprüft…</translation>
    </message>
    <message>
        <source>Save sealed copy</source>
        <translation>Versiegelte Kopie speichern</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-Dokumente (*.pdf)</translation>
    </message>
    <message>
        <source>Saved the sealed copy as {target}.</source>
        <translation>Versiegelte Kopie gespeichert als {target}.</translation>
    </message>
    <message>
        <source>Save all sealed copies to</source>
        <translation>Alle versiegelten Kopien speichern in</translation>
    </message>
    <message>
        <source>Saving {count} sealed copies to {folder}…</source>
        <translation>{count} versiegelte Kopien werden in {folder} gespeichert…</translation>
    </message>
    <message>
        <source>Saved {count} sealed copies to {folder}.</source>
        <translation>{count} versiegelte Kopien in {folder} gespeichert.</translation>
    </message>
    <message>
        <source>Sealed copies not saved</source>
        <translation>Versiegelte Kopien nicht gespeichert</translation>
    </message>
    <message>
        <source>, {sealed} sealed before</source>
        <translation>, {sealed} bereits versiegelt</translation>
    </message>
    <message>
        <source>Documents checked: {ready} ready to seal{before}, {rejected} rejected.</source>
        <translation>Dokumente geprüft: {ready} bereit zum Versiegeln{before}, {rejected} abgelehnt.</translation>
    </message>
    <message>
        <source> Sealed copies saved in {parent}.</source>
        <translation> Versiegelte Kopien gespeichert in {parent}.</translation>
    </message>
    <message>
        <source>{count} documents selected.</source>
        <translation>{count} Dokumente ausgewählt.</translation>
    </message>
    <message>
        <source>Select a document to preview it.</source>
        <translation>Wählen Sie ein Dokument für die Vorschau.</translation>
    </message>
    <message>
        <source>Not a sealable PDF.

{message}</source>
        <translation>Kein versiegelbares PDF.

{message}</translation>
    </message>
    <message>
        <source>Checking the document…</source>
        <translation>Dokument wird geprüft…</translation>
    </message>
    <message>
        <source>
SHA-256 {sealed_sha256}…</source>
        <translation>
SHA-256 {sealed_sha256}…</translation>
    </message>
    <message>
        <source>
Sealed {sealed_at:%Y-%m-%d %H:%M} UTC</source>
        <translation>
Versiegelt am {sealed_at:%Y-%m-%d %H:%M} UTC</translation>
    </message>
    <message>
        <source>Sealed copy of {name}{digest}{when}</source>
        <translation>Versiegelte Kopie von {name}{digest}{when}</translation>
    </message>
    <message>
        <source>
Encrypted in the document archive</source>
        <translation>
Im Dokumentenarchiv verschlüsselt</translation>
    </message>
    <message>
        <source>Original: {name} — {message}</source>
        <translation>Original: {name} — {message}</translation>
    </message>
    <message>
        <source>Original: {name} (not sealed yet)</source>
        <translation>Original: {name} (noch nicht versiegelt)</translation>
    </message>
    <message>
        <source>{tip}. Not now: {reason}</source>
        <translation>{tip}. Jetzt nicht: {reason}</translation>
    </message>
    <message>
        <source>a batch is being sealed</source>
        <translation>ein Stapel wird gerade versiegelt</translation>
    </message>
    <message>
        <source>sealing is stopped (see the banner above)</source>
        <translation>Versiegeln ist angehalten (siehe Hinweis oben)</translation>
    </message>
    <message>
        <source>select documents that are Ready (or Failed) first</source>
        <translation>zuerst Dokumente auswählen, die Bereit (oder Fehlgeschlagen) sind</translation>
    </message>
    <message>
        <source>no document is ready to seal</source>
        <translation>kein Dokument ist bereit zum Versiegeln</translation>
    </message>
    <message>
        <source>select documents first</source>
        <translation>zuerst Dokumente auswählen</translation>
    </message>
    <message>
        <source>select one sealed document first</source>
        <translation>zuerst ein versiegeltes Dokument auswählen</translation>
    </message>
    <message>
        <source>no sealed document in the list</source>
        <translation>kein versiegeltes Dokument in der Liste</translation>
    </message>
</context>
<context>
    <name>DocumentsTableModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Sealed (UTC)</source>
        <translation>Versiegelt (UTC)</translation>
    </message>
    <message>
        <source>
Stored copy: encrypted (opened with the token&apos;s storage key)</source>
        <translation>
Gespeicherte Kopie: verschlüsselt (geöffnet mit dem Speicherschlüssel des Tokens)</translation>
    </message>
    <message>
        <source>
Stored copy: not encrypted</source>
        <translation>
Gespeicherte Kopie: nicht verschlüsselt</translation>
    </message>
    <message>
        <source>
{pages} page(s)</source>
        <translation>
{pages} Seite(n)</translation>
    </message>
    <message>
        <source>
Sealed copy: {sealed_path}</source>
        <translation>
Versiegelte Kopie: {sealed_path}</translation>
    </message>
    <message>
        <source>SHA-256 of this sealed file:
{sha256}</source>
        <translation>SHA-256 dieser versiegelten Datei:
{sha256}</translation>
    </message>
    <message>
        <source>
SHA-256 of the sealed copy:
{sealed_sha256}</source>
        <translation>
SHA-256 der versiegelten Kopie:
{sealed_sha256}</translation>
    </message>
    <message>
        <source>SHA-256 of the original:
{sha256}{sealed}</source>
        <translation>SHA-256 des Originals:
{sha256}{sealed}</translation>
    </message>
    <message>
        <source> (audit entry {audit_index})</source>
        <translation> (Protokolleintrag {audit_index})</translation>
    </message>
    <message>
        <source>Sealed {sealed_at:%Y-%m-%d %H:%M:%S} UTC{entry}</source>
        <translation>Versiegelt am {sealed_at:%Y-%m-%d %H:%M:%S} UTC{entry}</translation>
    </message>
    <message>
        <source>{sealed_at:%Y-%m-%d %H:%M} UTC</source>
        <translation>{sealed_at:%Y-%m-%d %H:%M} UTC</translation>
    </message>
    <message>
        <source>This file is the sealed copy of {name}, sealed {when} (audit entry {audit_index}). Nothing to seal.</source>
        <translation>Diese Datei ist die versiegelte Kopie von {name}, versiegelt am {when} (Protokolleintrag {audit_index}). Nichts zu versiegeln.</translation>
    </message>
    <message>
        <source>This exact document was sealed {when} (audit entry {audit_index}); sealing it again would only show that seal.</source>
        <translation>Genau dieses Dokument wurde am {when} versiegelt (Protokolleintrag {audit_index}); erneutes Versiegeln würde nur dieses Siegel zeigen.</translation>
    </message>
    <message>
        <source>This exact document was sealed before; the earlier seal is shown.</source>
        <translation>Genau dieses Dokument wurde bereits versiegelt; das frühere Siegel wird angezeigt.</translation>
    </message>
    <message>
        <source>Sealing failed.</source>
        <translation>Versiegelung fehlgeschlagen.</translation>
    </message>
</context>
<context>
    <name>DueModel</name>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Retention ends</source>
        <translation>Aufbewahrung endet</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Legal hold</source>
        <translation>Legal Hold</translation>
    </message>
    <message>
        <source>Due for deletion</source>
        <translation>Zur Löschung fällig</translation>
    </message>
    <message>
        <source>Kept: legal hold</source>
        <translation>Behalten: Legal Hold</translation>
    </message>
    <message>
        <source>Not yet due</source>
        <translation>Noch nicht fällig</translation>
    </message>
    <message>
        <source>Clock not started</source>
        <translation>Frist nicht begonnen</translation>
    </message>
    <message>
        <source>{case}: {reason} (by {who}, event {n})</source>
        <translation>{case}: {reason} (von {who}, Ereignis {n})</translation>
    </message>
    <message>
        <source>Original SHA-256: {sha}</source>
        <translation>Ursprünglicher SHA-256: {sha}</translation>
    </message>
    <message>
        <source>Proposed ({pid})</source>
        <translation>Beantragt ({pid})</translation>
    </message>
</context>
<context>
    <name>EncryptionSection</name>
    <message>
        <source>encrypted</source>
        <translation>verschlüsselt</translation>
    </message>
    <message>
        <source>not encrypted</source>
        <translation>nicht verschlüsselt</translation>
    </message>
    <message>
        <source>partly encrypted</source>
        <translation>teilweise verschlüsselt</translation>
    </message>
    <message>
        <source>recipients file not trusted</source>
        <translation>Empfängerdatei nicht vertrauenswürdig</translation>
    </message>
    <message>
        <source>storage key on the token</source>
        <translation>Speicherschlüssel auf dem Token</translation>
    </message>
    <message>
        <source>recovery</source>
        <translation>Wiederherstellung</translation>
    </message>
    <message>
        <source>auditor</source>
        <translation>Prüfer</translation>
    </message>
    <message>
        <source>Encrypt the document store?

• A key-encryption key is made on the token (once; it never leaves the token).
• Every stored document, and every seal from now on, is encrypted under a data key of its own, wrapped for that key.
• Reading documents (preview, checks, copies, evidence) will then need the token and its PIN; sealing does not.

The change is a signed act recorded in the audit log: the token&apos;s PIN is asked next.</source>
        <translation>Den Dokumentenspeicher verschlüsseln?

• Auf dem Token wird ein Schlüsselverschlüsselungsschlüssel erzeugt (einmalig; er verlässt das Token nie).
• Jedes gespeicherte Dokument und von nun an jedes Siegel wird mit einem eigenen Datenschlüssel verschlüsselt, der für diesen Schlüssel verpackt wird.
• Das Lesen von Dokumenten (Vorschau, Prüfungen, Kopien, Beweispakete) braucht danach das Token und seine PIN; das Siegeln nicht.

Die Änderung ist ein signierter Vorgang, der im Prüfprotokoll festgehalten wird: Als Nächstes wird die PIN des Tokens abgefragt.</translation>
    </message>
    <message>
        <source>Encryption of the document store</source>
        <translation>Verschlüsselung des Dokumentenspeichers</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Wird gelesen…</translation>
    </message>
    <message>
        <source>Encryption state</source>
        <translation>Verschlüsselungszustand</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Stored documents</source>
        <translation>Gespeicherte Dokumente</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Read the encryption state again</source>
        <translation>Verschlüsselungszustand erneut lesen</translation>
    </message>
    <message>
        <source>&amp;Encrypt the document store…</source>
        <translation>Dokumentenspeicher &amp;verschlüsseln…</translation>
    </message>
    <message>
        <source>Document store: &lt;b&gt;{state}&lt;/b&gt;</source>
        <translation>Dokumentenspeicher: &lt;b&gt;{state}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Recipients (audit entry {entry}):</source>
        <translation>Empfänger (Protokolleintrag {entry}):</translation>
    </message>
    <message>
        <source>No recipients: documents are stored as they were sealed, unencrypted.</source>
        <translation>Keine Empfänger: Dokumente werden so gespeichert, wie sie gesiegelt wurden, unverschlüsselt.</translation>
    </message>
    <message>
        <source>Encrypted documents: {envelopes}; in plaintext: {plaintext}; key destroyed or missing: {without_key}</source>
        <translation>Verschlüsselte Dokumente: {envelopes}; im Klartext: {plaintext}; Schlüssel vernichtet oder fehlend: {without_key}</translation>
    </message>
    <message>
        <source>Problem: {problem}</source>
        <translation>Problem: {problem}</translation>
    </message>
    <message>
        <source>Only an administrator sets up encryption.</source>
        <translation>Nur ein Administrator richtet die Verschlüsselung ein.</translation>
    </message>
    <message>
        <source>The document store is encrypted.</source>
        <translation>Der Dokumentenspeicher ist verschlüsselt.</translation>
    </message>
    <message>
        <source>Make the storage key on the token and encrypt every stored document</source>
        <translation>Den Speicherschlüssel auf dem Token erzeugen und jedes gespeicherte Dokument verschlüsseln</translation>
    </message>
    <message>
        <source>The encryption state could not be read: {reason}</source>
        <translation>Der Verschlüsselungszustand konnte nicht gelesen werden: {reason}</translation>
    </message>
    <message>
        <source>Setting up encryption of the document store</source>
        <translation>Das Einrichten der Verschlüsselung des Dokumentenspeichers</translation>
    </message>
    <message>
        <source>Encrypting the document store…</source>
        <translation>Dokumentenspeicher wird verschlüsselt…</translation>
    </message>
    <message>
        <source>The document store is encrypted; {count} stored document(s) encrypted now.</source>
        <translation>Der Dokumentenspeicher ist verschlüsselt; {count} gespeicherte(s) Dokument(e) jetzt verschlüsselt.</translation>
    </message>
    <message>
        <source>The document store was not encrypted: {reason}</source>
        <translation>Der Dokumentenspeicher wurde nicht verschlüsselt: {reason}</translation>
    </message>
    <message>
        <source>Encrypt the document store</source>
        <translation>Dokumentenspeicher verschlüsseln</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>SealDesk</source>
        <translation>SealDesk</translation>
    </message>
    <message>
        <source>SealDesk: internal error</source>
        <translation>SealDesk: interner Fehler</translation>
    </message>
    <message>
        <source>Error report</source>
        <translation>Fehlerbericht</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>Bericht kopieren</translation>
    </message>
    <message>
        <source>{summary}

Copy the report below and send it to your administrator.</source>
        <translation>{summary}

Kopieren Sie den Bericht unten und senden Sie ihn an Ihren Administrator.</translation>
    </message>
    <message>
        <source>Error message</source>
        <translation>Fehlermeldung</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Was zu tun ist</translation>
    </message>
</context>
<context>
    <name>EvidencePage</name>
    <message>
        <source>&amp;Export bundle for the selected documents…</source>
        <translation>Beweispaket für die gewählten Dokumente &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export bundle for a &amp;period…</source>
        <translation>Beweispaket für einen &amp;Zeitraum exportieren…</translation>
    </message>
    <message>
        <source>&amp;Check a bundle…</source>
        <translation>Beweispaket &amp;prüfen…</translation>
    </message>
    <message>
        <source>Open an evidence bundle (.zip) and check it offline: signatures, hashes, proofs and seals (no token needed)</source>
        <translation>Ein Beweispaket (.zip) öffnen und offline prüfen: Signaturen, Hashes, Nachweise und Siegel (kein Token nötig)</translation>
    </message>
    <message>
        <source>Trusted &amp;audit certificate…</source>
        <translation>&amp;Vertrauenswürdiges Protokollzertifikat…</translation>
    </message>
    <message>
        <source>The audit certificate you obtained out of band; bundles are then checked against it instead of the one they carry</source>
        <translation>Das Protokollzertifikat, das Sie auf separatem Weg erhalten haben; Beweispakete werden dann gegen dieses statt gegen das mitgelieferte geprüft</translation>
    </message>
    <message>
        <source>E&amp;ncrypt for recipient…</source>
        <translation>Für Empfänger ver&amp;schlüsseln…</translation>
    </message>
    <message>
        <source>Encrypt exported bundles for an auditor&apos;s certificate, so that only they can open them (with openssl cms -decrypt)</source>
        <translation>Exportierte Beweispakete für das Zertifikat eines Prüfers verschlüsseln, sodass nur er sie öffnen kann (mit openssl cms -decrypt)</translation>
    </message>
    <message>
        <source>E&amp;xport verdict…</source>
        <translation>Prüfergebnis e&amp;xportieren…</translation>
    </message>
    <message>
        <source>&amp;Print verdict…</source>
        <translation>Prüfergebnis &amp;drucken…</translation>
    </message>
    <message>
        <source>Export bundle…</source>
        <translation>Paket exportieren…</translation>
    </message>
    <message>
        <source>Export period…</source>
        <translation>Zeitraum exportieren…</translation>
    </message>
    <message>
        <source>Check a bundle…</source>
        <translation>Paket prüfen…</translation>
    </message>
    <message>
        <source>Trusted audit certificate…</source>
        <translation>Vertrauenswürdiges Protokollzertifikat…</translation>
    </message>
    <message>
        <source>Encrypt for recipient…</source>
        <translation>Für Empfänger verschlüsseln…</translation>
    </message>
    <message>
        <source>Bundle encryption</source>
        <translation>Verschlüsselung der Beweispakete</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Wird gelesen…</translation>
    </message>
    <message>
        <source>Evidence status</source>
        <translation>Beweisstatus</translation>
    </message>
    <message>
        <source>Export verdict…</source>
        <translation>Prüfergebnis exportieren…</translation>
    </message>
    <message>
        <source>Print verdict…</source>
        <translation>Prüfergebnis drucken…</translation>
    </message>
    <message>
        <source>Documents in the checked bundle</source>
        <translation>Dokumente im geprüften Beweispaket</translation>
    </message>
    <message>
        <source>Select a document to see its pages beside it</source>
        <translation>Wählen Sie ein Dokument, um seine Seiten daneben zu sehen</translation>
    </message>
    <message>
        <source>Check a bundle, then select one of its documents to see it here.</source>
        <translation>Prüfen Sie ein Beweispaket und wählen Sie dann eines seiner Dokumente, um es hier zu sehen.</translation>
    </message>
    <message>
        <source>Sealed at (UTC)</source>
        <translation>Versiegelt am (UTC)</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Sealed SHA-256</source>
        <translation>SHA-256 (versiegelt)</translation>
    </message>
    <message>
        <source>Sealed documents</source>
        <translation>Versiegelte Dokumente</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Beweise</translation>
    </message>
    <message>
        <source>Select sealed documents (Ctrl or Shift for several) and export a signed bundle: the sealed PDFs, their audit entries with proofs, validation data and a signed checkpoint, checkable offline with no token. Check a bundle someone gave you with Check a bundle…; the verdict appears below.</source>
        <translation>Wählen Sie versiegelte Dokumente (Strg oder Umschalt für mehrere) und exportieren Sie ein signiertes Beweispaket: die versiegelten PDFs, ihre Protokolleinträge mit Nachweisen, Validierungsdaten und ein signierter Prüfpunkt, offline ohne Token prüfbar. Ein erhaltenes Paket prüfen Sie mit „Paket prüfen…“; das Ergebnis erscheint unten.</translation>
    </message>
    <message>
        <source>Documents in the bundle (select one to preview):</source>
        <translation>Dokumente im Beweispaket (eines wählen für die Vorschau):</translation>
    </message>
    <message>
        <source>{0} sealed document(s)</source>
        <translation>{0} versiegelte(s) Dokument(e)</translation>
    </message>
    <message>
        <source>Auditor mode: exporting signs with the audit key and records the export. Check a bundle instead.</source>
        <translation>Prüfermodus: der Export signiert mit dem Protokollschlüssel und wird aufgezeichnet. Prüfen Sie stattdessen ein Beweispaket.</translation>
    </message>
    <message>
        <source>No token is configured: a bundle is signed with the audit key on the token.</source>
        <translation>Kein Token konfiguriert: ein Beweispaket wird mit dem Protokollschlüssel auf dem Token signiert.</translation>
    </message>
    <message>
        <source>An export is running.</source>
        <translation>Ein Export läuft.</translation>
    </message>
    <message>
        <source>Select one or more sealed documents first.</source>
        <translation>Wählen Sie zuerst ein oder mehrere versiegelte Dokumente.</translation>
    </message>
    <message>
        <source>Export a signed evidence bundle for the {0} selected document(s)</source>
        <translation>Ein signiertes Beweispaket für die {0} gewählten Dokument(e) exportieren</translation>
    </message>
    <message>
        <source>Export a signed evidence bundle of every document sealed in a period</source>
        <translation>Ein signiertes Beweispaket aller in einem Zeitraum versiegelten Dokumente exportieren</translation>
    </message>
    <message>
        <source>Exported bundles are encrypted; only these recipients can open them: {0}</source>
        <translation>Exportierte Beweispakete werden verschlüsselt; nur diese Empfänger können sie öffnen: {0}</translation>
    </message>
    <message>
        <source>Exported bundles are not encrypted (Encrypt for recipient… to encrypt them for an auditor&apos;s certificate).</source>
        <translation>Exportierte Beweispakete werden nicht verschlüsselt (Für Empfänger verschlüsseln…, um sie für das Zertifikat eines Prüfers zu verschlüsseln).</translation>
    </message>
    <message>
        <source>Check a bundle first: there is no verdict to export or print.</source>
        <translation>Prüfen Sie zuerst ein Beweispaket: es gibt kein Prüfergebnis zum Exportieren oder Drucken.</translation>
    </message>
    <message>
        <source>Save the verdict and every finding as a readable HTML file and a JSON file</source>
        <translation>Das Prüfergebnis und jeden Befund als lesbare HTML-Datei und als JSON-Datei speichern</translation>
    </message>
    <message>
        <source>Print the verdict and every finding (or print it to a PDF file)</source>
        <translation>Das Prüfergebnis und jeden Befund drucken (oder in eine PDF-Datei drucken)</translation>
    </message>
    <message>
        <source>Bundles are now encrypted for {0} recipient(s).</source>
        <translation>Beweispakete werden jetzt für {0} Empfänger verschlüsselt.</translation>
    </message>
    <message>
        <source>Bundles are no longer encrypted.</source>
        <translation>Beweispakete werden nicht mehr verschlüsselt.</translation>
    </message>
    <message>
        <source>Export encrypted evidence bundle</source>
        <translation>Verschlüsseltes Beweispaket exportieren</translation>
    </message>
    <message>
        <source>Encrypted evidence bundles (*.p7m)</source>
        <translation>Verschlüsselte Beweispakete (*.p7m)</translation>
    </message>
    <message>
        <source>Export evidence bundle</source>
        <translation>Beweispaket exportieren</translation>
    </message>
    <message>
        <source>Evidence bundles (*.zip)</source>
        <translation>Beweispakete (*.zip)</translation>
    </message>
    <message>
        <source>Finding the token…</source>
        <translation>Token wird gesucht…</translation>
    </message>
    <message>
        <source>The evidence bundle is signed with the audit key on the token.</source>
        <translation>Das Beweispaket wird mit dem Protokollschlüssel auf dem Token signiert.</translation>
    </message>
    <message>
        <source>Export cancelled: no PIN was entered; nothing was written.</source>
        <translation>Export abgebrochen: keine PIN eingegeben; nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>Exporting {0} of {1}: {2}</source>
        <translation>Exportiere {0} von {1}: {2}</translation>
    </message>
    <message>
        <source>Exported {0} document(s) and {1} audit entries to {2}, encrypted for {3} recipient(s) (SHA-256 {4}…). No unencrypted copy was written; the recipients open it with openssl cms -decrypt.</source>
        <translation>{0} Dokument(e) und {1} Protokolleinträge nach {2} exportiert, verschlüsselt für {3} Empfänger (SHA-256 {4}…). Es wurde keine unverschlüsselte Kopie geschrieben; die Empfänger öffnen das Paket mit openssl cms -decrypt.</translation>
    </message>
    <message>
        <source>Exported {0} document(s) and {1} audit entries to {2} (SHA-256 {3}…). Check it with Check a bundle… ({4}).</source>
        <translation>{0} Dokument(e) und {1} Protokolleinträge nach {2} exportiert (SHA-256 {3}…). Prüfen Sie es mit „Paket prüfen…“ ({4}).</translation>
    </message>
    <message>
        <source>Export failed: {0}</source>
        <translation>Export fehlgeschlagen: {0}</translation>
    </message>
    <message>
        <source>Check an evidence bundle</source>
        <translation>Ein Beweispaket prüfen</translation>
    </message>
    <message>
        <source>Evidence bundles (*.zip);;All files (*)</source>
        <translation>Beweispakete (*.zip);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Audit certificate you trust</source>
        <translation>Vertrauenswürdiges Protokollzertifikat</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>Zertifikate (*.pem *.crt *.cer *.der);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Bundles are now checked against the audit certificate {0}.</source>
        <translation>Beweispakete werden jetzt gegen das Protokollzertifikat {0} geprüft.</translation>
    </message>
    <message>
        <source>Select a document of the bundle to see it here.</source>
        <translation>Wählen Sie ein Dokument des Beweispakets, um es hier zu sehen.</translation>
    </message>
    <message>
        <source>✔ {0} — seal {1}, all checks hold</source>
        <translation>✔ {0} — Siegel {1}, alle Prüfungen bestanden</translation>
    </message>
    <message>
        <source>✘ {0} — seal {1}, {2} problem(s)</source>
        <translation>✘ {0} — Siegel {1}, {2} Problem(e)</translation>
    </message>
    <message>
        <source>Export verdict</source>
        <translation>Prüfergebnis exportieren</translation>
    </message>
    <message>
        <source>Verdict report (*.html *.json)</source>
        <translation>Prüfbericht (*.html *.json)</translation>
    </message>
    <message>
        <source>The verdict was not saved: {0}</source>
        <translation>Das Prüfergebnis wurde nicht gespeichert: {0}</translation>
    </message>
    <message>
        <source>Verdict saved as {0} (to read or print) and {1} (JSON).</source>
        <translation>Prüfergebnis gespeichert als {0} (zum Lesen oder Drucken) und {1} (JSON).</translation>
    </message>
    <message>
        <source>Printing cancelled.</source>
        <translation>Drucken abgebrochen.</translation>
    </message>
    <message>
        <source>Verdict printed to {0}.</source>
        <translation>Prüfergebnis gedruckt nach {0}.</translation>
    </message>
</context>
<context>
    <name>ExecuteFlow</name>
    <message>
        <source>Executing {pid}: step {number} of {total} ({step})</source>
        <translation>Führe {pid} aus: Schritt {number} von {total} ({step})</translation>
    </message>
    <message>
        <source>Executing proposal {pid} ({title})</source>
        <translation>Antrag {pid} wird ausgeführt ({title})</translation>
    </message>
    <message>
        <source>Executing proposal {pid}</source>
        <translation>Antrag {pid} wird ausgeführt</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Home</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Last refreshed</source>
        <translation>Zuletzt aktualisiert</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Refresh the dashboard</source>
        <translation>Die Übersicht aktualisieren</translation>
    </message>
    <message>
        <source>Check everything again (F5)</source>
        <translation>Alles erneut prüfen (F5)</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>Wartung</translation>
    </message>
    <message>
        <source>Recent activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <source>Updated {time:%H:%M:%S}</source>
        <translation>Aktualisiert {time:%H:%M:%S}</translation>
    </message>
    <message>
        <source>Could not refresh: {message}</source>
        <translation>Aktualisieren fehlgeschlagen: {message}</translation>
    </message>
</context>
<context>
    <name>IncidentDetailPane</name>
    <message>
        <source>Select an incident to see its timeline.</source>
        <translation>Wählen Sie einen Vorfall, um seinen Zeitverlauf zu sehen.</translation>
    </message>
    <message>
        <source>Incident summary</source>
        <translation>Vorfallübersicht</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Was geschah</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>Linked</source>
        <translation>Verknüpft</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Verantwortlich</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Incident details</source>
        <translation>Vorfalldetails</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>&amp;Zeitverlauf</translation>
    </message>
    <message>
        <source>Lin&amp;ked items</source>
        <translation>&amp;Verknüpfte Objekte</translation>
    </message>
    <message>
        <source>No&amp;tes</source>
        <translation>&amp;Notizen</translation>
    </message>
    <message>
        <source>Action ite&amp;ms</source>
        <translation>&amp;Maßnahmen</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>closed {local_time}</source>
        <translation>geschlossen {local_time}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{incident}&lt;/b&gt; — {title}</source>
        <translation>&lt;b&gt;{incident}&lt;/b&gt; — {title}</translation>
    </message>
    <message>
        <source>{kind} incident, {state}; opened {local_time} by {who}{automatic}.</source>
        <translation>{kind}-Vorfall, {state}; eröffnet {local_time} von {who}{automatic}.</translation>
    </message>
    <message>
        <source> (automatically)</source>
        <translation> (automatisch)</translation>
    </message>
    <message>
        <source>Root cause: {root_cause}</source>
        <translation>Ursache: {root_cause}</translation>
    </message>
    <message>
        <source>detected after</source>
        <translation>erkannt nach</translation>
    </message>
    <message>
        <source>contained after</source>
        <translation>eingedämmt nach</translation>
    </message>
    <message>
        <source>resolved after</source>
        <translation>behoben nach</translation>
    </message>
    <message>
        <source>Times: </source>
        <translation>Zeiten: </translation>
    </message>
    <message>
        <source>entry {index}</source>
        <translation>Eintrag {index}</translation>
    </message>
    <message>
        <source>, caused by entry {entry}</source>
        <translation>, ausgelöst durch Eintrag {entry}</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Done: {outcome}</source>
        <translation>Erledigt: {outcome}</translation>
    </message>
</context>
<context>
    <name>IncidentForm</name>
    <message>
        <source>Ctrl+Enter to finish</source>
        <translation>Strg+Eingabe zum Abschließen</translation>
    </message>
</context>
<context>
    <name>IncidentsModel</name>
    <message>
        <source>Incident</source>
        <translation>Vorfall</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Eröffnet</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <source> (automatic)</source>
        <translation> (automatisch)</translation>
    </message>
    <message>
        <source>resolved in {duration}</source>
        <translation>behoben in {duration}</translation>
    </message>
</context>
<context>
    <name>IncidentsPage</name>
    <message>
        <source>Incidents</source>
        <translation>Vorfälle</translation>
    </message>
    <message>
        <source>Every incident and every change to it is an audit event; the timeline is read from the audit log.</source>
        <translation>Jeder Vorfall und jede Änderung daran ist ein Protokollereignis; der Zeitverlauf wird aus dem Prüfprotokoll gelesen.</translation>
    </message>
    <message>
        <source>Show incidents</source>
        <translation>Vorfälle anzeigen</translation>
    </message>
    <message>
        <source>All incidents</source>
        <translation>Alle Vorfälle</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Anzeigen:</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Refresh the incidents</source>
        <translation>Die Vorfälle aktualisieren</translation>
    </message>
    <message>
        <source>Read the incidents again (F5)</source>
        <translation>Die Vorfälle neu einlesen (F5)</translation>
    </message>
    <message>
        <source>Incident actions</source>
        <translation>Vorfallaktionen</translation>
    </message>
    <message>
        <source>Open incident…</source>
        <translation>Vorfall eröffnen…</translation>
    </message>
    <message>
        <source>Open an incident</source>
        <translation>Einen Vorfall eröffnen</translation>
    </message>
    <message>
        <source>Add note…</source>
        <translation>Notiz hinzufügen…</translation>
    </message>
    <message>
        <source>Add a note to the incident</source>
        <translation>Eine Notiz zum Vorfall hinzufügen</translation>
    </message>
    <message>
        <source>Link…</source>
        <translation>Verknüpfen…</translation>
    </message>
    <message>
        <source>Link an item to the incident</source>
        <translation>Ein Objekt mit dem Vorfall verknüpfen</translation>
    </message>
    <message>
        <source>Add action item…</source>
        <translation>Maßnahme hinzufügen…</translation>
    </message>
    <message>
        <source>Add an action item</source>
        <translation>Eine Maßnahme hinzufügen</translation>
    </message>
    <message>
        <source>Close action item</source>
        <translation>Maßnahme abschließen</translation>
    </message>
    <message>
        <source>Close the selected action item</source>
        <translation>Die ausgewählte Maßnahme abschließen</translation>
    </message>
    <message>
        <source>Close incident…</source>
        <translation>Vorfall schließen…</translation>
    </message>
    <message>
        <source>Close the incident</source>
        <translation>Den Vorfall schließen</translation>
    </message>
    <message>
        <source>Write statement…</source>
        <translation>Erklärung schreiben…</translation>
    </message>
    <message>
        <source>Write the signed incident statement</source>
        <translation>Die signierte Vorfallserklärung schreiben</translation>
    </message>
    <message>
        <source>Counter-sign statement…</source>
        <translation>Erklärung gegenzeichnen…</translation>
    </message>
    <message>
        <source>Have a custodian counter-sign the statement just written</source>
        <translation>Die soeben geschriebene Erklärung von einem Verwahrer gegenzeichnen lassen</translation>
    </message>
    <message>
        <source>Incidents status</source>
        <translation>Vorfallstatus</translation>
    </message>
    <message>
        <source>{count} incident(s), {open_count} open.</source>
        <translation>Vorfälle: {count}, davon {open_count} offen.</translation>
    </message>
    <message>
        <source>Open incident</source>
        <translation>Vorfall eröffnen</translation>
    </message>
    <message>
        <source>Failures open their own incidents; open one here for anything else (every field is recorded in the audit log).</source>
        <translation>Störungen eröffnen eigene Vorfälle; eröffnen Sie hier einen für alles andere (jedes Feld wird im Prüfprotokoll festgehalten).</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>T&amp;itle:</source>
        <translation>T&amp;itel:</translation>
    </message>
    <message>
        <source>What is wrong, in one line</source>
        <translation>Was nicht stimmt, in einer Zeile</translation>
    </message>
    <message>
        <source>Opening the incident</source>
        <translation>Vorfall wird eröffnet</translation>
    </message>
    <message>
        <source>Opened {incident_name}.</source>
        <translation>{incident_name} eröffnet.</translation>
    </message>
    <message>
        <source>Add note to {name}</source>
        <translation>Notiz zu {name} hinzufügen</translation>
    </message>
    <message>
        <source>What was seen, decided, or told to whom.</source>
        <translation>Was gesehen, entschieden oder wem was mitgeteilt wurde.</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Adding the note</source>
        <translation>Notiz wird hinzugefügt</translation>
    </message>
    <message>
        <source>Note added to {name}.</source>
        <translation>Notiz zu {name} hinzugefügt.</translation>
    </message>
    <message>
        <source>Link to {name}</source>
        <translation>Mit {name} verknüpfen</translation>
    </message>
    <message>
        <source>Give a document or sealed-file SHA-256, a revalidation run number, a proposal id or an audit entry index.</source>
        <translation>Geben Sie einen SHA-256 eines Dokuments oder einer versiegelten Datei, eine Revalidierungslauf-Nummer, eine Antrags-ID oder einen Protokolleintrag-Index an.</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>&amp;Item:</source>
        <translation>&amp;Objekt:</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Verknüpfen</translation>
    </message>
    <message>
        <source>Linking</source>
        <translation>Wird verknüpft</translation>
    </message>
    <message>
        <source>Linked {values} to {name}.</source>
        <translation>{values} mit {name} verknüpft.</translation>
    </message>
    <message>
        <source>Add action item to {name}</source>
        <translation>Maßnahme zu {name} hinzufügen</translation>
    </message>
    <message>
        <source>Action items stay tracked until closed, also after the incident is closed.</source>
        <translation>Maßnahmen bleiben verfolgt, bis sie abgeschlossen sind, auch nach dem Schließen des Vorfalls.</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Maßnahme:</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>&amp;Verantwortlich:</translation>
    </message>
    <message>
        <source>Who does it (optional)</source>
        <translation>Wer es erledigt (optional)</translation>
    </message>
    <message>
        <source>Add action item</source>
        <translation>Maßnahme hinzufügen</translation>
    </message>
    <message>
        <source>Adding the action item</source>
        <translation>Maßnahme wird hinzugefügt</translation>
    </message>
    <message>
        <source>Action item {item} added to {name}.</source>
        <translation>Maßnahme {item} zu {name} hinzugefügt.</translation>
    </message>
    <message>
        <source>Close action item {action_id}</source>
        <translation>Maßnahme {action_id} abschließen</translation>
    </message>
    <message>
        <source>What was done.</source>
        <translation>Was getan wurde.</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Ergebnis:</translation>
    </message>
    <message>
        <source>Closing the action item</source>
        <translation>Maßnahme wird abgeschlossen</translation>
    </message>
    <message>
        <source>Action item {action_id} of {name} closed.</source>
        <translation>Maßnahme {action_id} von {name} abgeschlossen.</translation>
    </message>
    <message>
        <source>Close {name}</source>
        <translation>{name} schließen</translation>
    </message>
    <message>
        <source>Closing records the root cause; open action items stay tracked.</source>
        <translation>Beim Schließen wird die Ursache festgehalten; offene Maßnahmen bleiben verfolgt.</translation>
    </message>
    <message>
        <source>&amp;Root cause:</source>
        <translation>&amp;Ursache:</translation>
    </message>
    <message>
        <source>Close incident</source>
        <translation>Vorfall schließen</translation>
    </message>
    <message>
        <source>Closing the incident</source>
        <translation>Vorfall wird geschlossen</translation>
    </message>
    <message>
        <source>{name} closed.</source>
        <translation>{name} geschlossen.</translation>
    </message>
    <message>
        <source>The incident statement is signed with the audit key on the token.</source>
        <translation>Die Vorfallserklärung wird mit dem Protokollschlüssel auf dem Token signiert.</translation>
    </message>
    <message>
        <source>Statement not written: no PIN was entered.</source>
        <translation>Erklärung nicht geschrieben: keine PIN eingegeben.</translation>
    </message>
    <message>
        <source>Statement written: {json_path} (signed: {name}; readable: {readable}).</source>
        <translation>Erklärung geschrieben: {json_path} (signiert: {name}; lesbar: {readable}).</translation>
    </message>
    <message>
        <source>Statement counter-signed by custodian {name}: {path}.</source>
        <translation>Erklärung von Verwahrer {name} gegengezeichnet: {path}.</translation>
    </message>
    <message>
        <source>Failed: </source>
        <translation>Fehlgeschlagen: </translation>
    </message>
</context>
<context>
    <name>KeyStatus</name>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>retired</source>
        <translation>stillgelegt</translation>
    </message>
    <message>
        <source>standby</source>
        <translation>Ersatz</translation>
    </message>
</context>
<context>
    <name>KeysDetails</name>
    <message>
        <source>plan its rotation</source>
        <translation>planen Sie seinen Schlüsselwechsel</translation>
    </message>
    <message>
        <source>propose the rotation now: approvals take time</source>
        <translation>beantragen Sie den Schlüsselwechsel jetzt: Freigaben brauchen Zeit</translation>
    </message>
    <message>
        <source>rotate it now</source>
        <translation>wechseln Sie ihn jetzt</translation>
    </message>
    <message>
        <source>new seals with it will not validate; rotate it now</source>
        <translation>neue Siegel damit sind nicht gültig; wechseln Sie ihn jetzt</translation>
    </message>
    <message>
        <source>approve</source>
        <translation>Freigabe</translation>
    </message>
    <message>
        <source>reject</source>
        <translation>Ablehnung</translation>
    </message>
    <message>
        <source>Proposal {id} — {title}</source>
        <translation>Antrag {id} — {title}</translation>
    </message>
    <message>
        <source>INTEGRITY PROBLEM: {problem}</source>
        <translation>INTEGRITÄTSPROBLEM: {problem}</translation>
    </message>
    <message>
        <source>Status: {status} ({approvals} of {required} approvals, {rejections} rejection(s))</source>
        <translation>Status: {status} ({approvals} von {required} Freigaben, {rejections} Ablehnung(en))</translation>
    </message>
    <message>
        <source>Hash (SHA-256): {sha256}</source>
        <translation>Hash (SHA-256): {sha256}</translation>
    </message>
    <message>
        <source>Decisions:</source>
        <translation>Entscheidungen:</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>noch keine</translation>
    </message>
    <message>
        <source>{decision} {custodian} at {when} UTC (audit entry {entry})</source>
        <translation>{decision} {custodian} am {when} UTC (Protokolleintrag {entry})</translation>
    </message>
    <message>
        <source>Execution steps done:</source>
        <translation>Erledigte Ausführungsschritte:</translation>
    </message>
    <message>
        <source>Content (canonical JSON, as approved):</source>
        <translation>Inhalt (kanonisches JSON, wie freigegeben):</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Custodians: {names}. No quorum policy yet: finish the bootstrap with Add custodian… for each custodian, then Quorum policy… (or &apos;sealdesk custodian add&apos; and &apos;sealdesk custodian policy --default M&apos;).</source>
        <translation>Verwahrer: {names}. Noch keine Quorumsregel: Schließen Sie die Einrichtung mit „Verwahrer hinzufügen…“ für jeden Verwahrer ab, dann „Quorumsregel…“ (oder &apos;sealdesk custodian add&apos; und &apos;sealdesk custodian policy --default M&apos;).</translation>
    </message>
    <message>
        <source>every action needs {m} of {n}</source>
        <translation>jede Aktion braucht {m} von {n}</translation>
    </message>
    <message>
        <source>Custodians: {names} · Quorum policy v{version}: {rule}</source>
        <translation>Verwahrer: {names} · Quorumsregel v{version}: {rule}</translation>
    </message>
    <message>
        <source>Quorum policy v{version}</source>
        <translation>Quorumsregel v{version}</translation>
    </message>
    <message>
        <source>No quorum policy yet</source>
        <translation>Noch keine Quorumsregel</translation>
    </message>
    <message>
        <source>Signing policy: none adopted (sealing follows config.toml as it is) · {quorum}. Propose one with Signing policy… (or &apos;sealdesk policy propose&apos;).</source>
        <translation>Signaturrichtlinie: keine beschlossen (das Siegeln folgt config.toml, wie sie ist) · {quorum}. Beantragen Sie eine mit „Signaturrichtlinie…“ (oder &apos;sealdesk policy propose&apos;).</translation>
    </message>
    <message>
        <source>{custodian} at {when} UTC (entry {entry})</source>
        <translation>{custodian} am {when} UTC (Eintrag {entry})</translation>
    </message>
    <message>
        <source>none recorded</source>
        <translation>keine aufgezeichnet</translation>
    </message>
    <message>
        <source>Signing policy v{version} in force since {when} (entry {entry}) · {quorum}</source>
        <translation>Signaturrichtlinie v{version} gültig seit {when} (Eintrag {entry}) · {quorum}</translation>
    </message>
    <message>
        <source>TSA {tsa} · PAdES {level} · {algorithms} · {anchors} trust anchor(s)</source>
        <translation>TSA {tsa} · PAdES {level} · {algorithms} · {anchors} Vertrauensanker</translation>
    </message>
    <message>
        <source>(demo)</source>
        <translation>(Demo)</translation>
    </message>
    <message>
        <source>Proposal {id} by {proposer}: {reason}</source>
        <translation>Antrag {id} von {proposer}: {reason}</translation>
    </message>
    <message>
        <source>Approved by: {approvals}</source>
        <translation>Freigegeben von: {approvals}</translation>
    </message>
    <message>
        <source>Integrity problem: {problem}</source>
        <translation>Integritätsproblem: {problem}</translation>
    </message>
    <message>
        <source>The seal certificate (key {label!r}) {expiry}: {advice}.</source>
        <translation>Das Siegelzertifikat (Schlüssel {label!r}) {expiry}: {advice}.</translation>
    </message>
    <message>
        <source>The audit certificate (key {label!r}) {expiry}: {advice}.</source>
        <translation>Das Protokollzertifikat (Schlüssel {label!r}) {expiry}: {advice}.</translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Keys and certificates</source>
        <translation>Schlüssel und Zertifikate</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>Anträge</translation>
    </message>
    <message>
        <source>Proposal details</source>
        <translation>Antragsdetails</translation>
    </message>
    <message>
        <source>Select a proposal to see its content, hash, decisions and execution steps.</source>
        <translation>Wählen Sie einen Antrag, um Inhalt, Hash, Entscheidungen und Ausführungsschritte zu sehen.</translation>
    </message>
    <message>
        <source>Signing policy in force</source>
        <translation>Geltende Signaturrichtlinie</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Read the token and the proposals again</source>
        <translation>Token und Anträge neu einlesen</translation>
    </message>
    <message>
        <source>Rotate a key…</source>
        <translation>Schlüssel wechseln…</translation>
    </message>
    <message>
        <source>Propose a new seal or audit key</source>
        <translation>Einen neuen Siegel- oder Protokollschlüssel beantragen</translation>
    </message>
    <message>
        <source>Approve / reject…</source>
        <translation>Freigeben / ablehnen…</translation>
    </message>
    <message>
        <source>Sign your decision with your own custodian token</source>
        <translation>Ihre Entscheidung mit Ihrem eigenen Verwahrer-Token signieren</translation>
    </message>
    <message>
        <source>Execute…</source>
        <translation>Ausführen…</translation>
    </message>
    <message>
        <source>Run (or resume) an approved proposal on the seal token</source>
        <translation>Einen freigegebenen Antrag auf dem Siegeltoken ausführen (oder fortsetzen)</translation>
    </message>
    <message>
        <source>Import certificate…</source>
        <translation>Zertifikat importieren…</translation>
    </message>
    <message>
        <source>Import the certificate your CA issued for the CSR</source>
        <translation>Das Zertifikat importieren, das Ihre CA für den CSR ausgestellt hat</translation>
    </message>
    <message>
        <source>Verify quorum</source>
        <translation>Quorum prüfen</translation>
    </message>
    <message>
        <source>Re-verify the approvals from the audit log alone</source>
        <translation>Die Freigaben allein anhand des Prüfprotokolls erneut prüfen</translation>
    </message>
    <message>
        <source>Add custodian…</source>
        <translation>Verwahrer hinzufügen…</translation>
    </message>
    <message>
        <source>Register a custodian (bootstrap) or propose adding one; their token proves possession</source>
        <translation>Einen Verwahrer registrieren (Ersteinrichtung) oder sein Hinzufügen beantragen; sein Token belegt den Besitz des Schlüssels</translation>
    </message>
    <message>
        <source>Remove custodian…</source>
        <translation>Verwahrer entfernen…</translation>
    </message>
    <message>
        <source>Propose removing a custodian</source>
        <translation>Das Entfernen eines Verwahrers beantragen</translation>
    </message>
    <message>
        <source>Quorum policy…</source>
        <translation>Quorumsregel…</translation>
    </message>
    <message>
        <source>Set the first quorum policy, or propose a new one</source>
        <translation>Die erste Quorumsregel festlegen oder eine neue beantragen</translation>
    </message>
    <message>
        <source>Signing policy…</source>
        <translation>Signaturrichtlinie…</translation>
    </message>
    <message>
        <source>Propose trust anchors, TSA, PAdES level and key algorithms for every seal</source>
        <translation>Vertrauensanker, TSA, PAdES-Stufe und Schlüsselalgorithmen für jedes Siegel beantragen</translation>
    </message>
    <message>
        <source>Retire key…</source>
        <translation>Schlüssel stilllegen…</translation>
    </message>
    <message>
        <source>Propose retiring a pending key</source>
        <translation>Die Stilllegung eines ausstehenden Schlüssels beantragen</translation>
    </message>
    <message>
        <source>Custodians…</source>
        <translation>Verwahrer…</translation>
    </message>
    <message>
        <source>Every custodian, also removed ones: certificate, key label, validity</source>
        <translation>Alle Verwahrer, auch entfernte: Zertifikat, Schlüsselbezeichnung, Gültigkeit</translation>
    </message>
    <message>
        <source>Certificate…</source>
        <translation>Zertifikat…</translation>
    </message>
    <message>
        <source>Details of the selected key&apos;s certificate, its chain, and export as PEM or DER</source>
        <translation>Details zum Zertifikat des gewählten Schlüssels, seine Kette und Export als PEM oder DER</translation>
    </message>
    <message>
        <source>Change PIN…</source>
        <translation>PIN ändern…</translation>
    </message>
    <message>
        <source>Change the user PIN of the seal token or of a custodian token</source>
        <translation>Die Benutzer-PIN des Siegel-Tokens oder eines Verwahrer-Tokens ändern</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>R&amp;otate a key…</source>
        <translation>Schlüssel &amp;wechseln…</translation>
    </message>
    <message>
        <source>Re&amp;tire a pending key…</source>
        <translation>Ausstehenden Schlüssel s&amp;tilllegen…</translation>
    </message>
    <message>
        <source>&amp;Approve or reject…</source>
        <translation>&amp;Freigeben oder ablehnen…</translation>
    </message>
    <message>
        <source>&amp;Execute…</source>
        <translation>Au&amp;sführen…</translation>
    </message>
    <message>
        <source>&amp;Import certificate…</source>
        <translation>Zertifikat &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Verify quorum</source>
        <translation>&amp;Quorum prüfen</translation>
    </message>
    <message>
        <source>Add &amp;custodian…</source>
        <translation>&amp;Verwahrer hinzufügen…</translation>
    </message>
    <message>
        <source>Re&amp;move custodian…</source>
        <translation>Verwahrer e&amp;ntfernen…</translation>
    </message>
    <message>
        <source>&amp;Quorum policy…</source>
        <translation>Q&amp;uorumsregel…</translation>
    </message>
    <message>
        <source>&amp;Signing policy…</source>
        <translation>Signatur&amp;richtlinie…</translation>
    </message>
    <message>
        <source>List c&amp;ustodians…</source>
        <translation>Verwahrer auf&amp;listen…</translation>
    </message>
    <message>
        <source>Certificate &amp;details…</source>
        <translation>Zertifikats&amp;details…</translation>
    </message>
    <message>
        <source>C&amp;hange token PIN…</source>
        <translation>Token-&amp;PIN ändern…</translation>
    </message>
    <message>
        <source>Rotation proposals</source>
        <translation>Anträge auf Schlüsselwechsel</translation>
    </message>
    <message>
        <source>Custodians and policies</source>
        <translation>Verwahrer und Richtlinien</translation>
    </message>
    <message>
        <source>Reading the token&apos;s keys</source>
        <translation>Schlüssel des Tokens werden gelesen</translation>
    </message>
    <message>
        <source>Reading proposals</source>
        <translation>Anträge werden gelesen</translation>
    </message>
    <message>
        <source>Keys and certificates on {label!r}</source>
        <translation>Schlüssel und Zertifikate auf {label!r}</translation>
    </message>
    <message>
        <source>Tokens ({module})</source>
        <translation>Token ({module})</translation>
    </message>
    <message>
        <source>Signing policy and approvals not shown: the authority check refused (see the dialog).</source>
        <translation>Signaturrichtlinie und Freigaben nicht angezeigt: die Berechtigungsprüfung hat abgelehnt (siehe Dialog).</translation>
    </message>
    <message>
        <source>Select a proposal first.</source>
        <translation>Wählen Sie zuerst einen Antrag.</translation>
    </message>
    <message>
        <source>This proposal has an integrity problem; see its details.</source>
        <translation>Dieser Antrag hat ein Integritätsproblem; siehe seine Details.</translation>
    </message>
    <message>
        <source>An execution is running.</source>
        <translation>Eine Ausführung läuft.</translation>
    </message>
    <message>
        <source>Set the custodians&apos; quorum policy first (Quorum policy…).</source>
        <translation>Legen Sie zuerst die Quorumsregel der Verwahrer fest (Quorumsregel…).</translation>
    </message>
    <message>
        <source>Decisions are closed: this proposal is {status}.</source>
        <translation>Entscheidungen sind abgeschlossen: dieser Antrag ist {status}.</translation>
    </message>
    <message>
        <source>Only an approved proposal can be executed; this one is {status}.</source>
        <translation>Nur ein freigegebener Antrag kann ausgeführt werden; dieser ist {status}.</translation>
    </message>
    <message>
        <source>Only a key rotation that is waiting for its certificate takes one.</source>
        <translation>Nur ein Schlüsselwechsel, der auf sein Zertifikat wartet, nimmt eines an.</translation>
    </message>
    <message>
        <source>No custodian is registered.</source>
        <translation>Kein Verwahrer ist registriert.</translation>
    </message>
    <message>
        <source>Register the first custodians first (Add custodian…).</source>
        <translation>Registrieren Sie zuerst die ersten Verwahrer (Verwahrer hinzufügen…).</translation>
    </message>
    <message>
        <source>No pending key: only a key a rotation generated but never activated can be retired.</source>
        <translation>Kein ausstehender Schlüssel: nur ein Schlüssel, den ein Schlüsselwechsel erzeugt, aber nie aktiviert hat, kann stillgelegt werden.</translation>
    </message>
    <message>
        <source>No token is configured.</source>
        <translation>Kein Token ist konfiguriert.</translation>
    </message>
    <message>
        <source>Reading the certificate</source>
        <translation>Zertifikat wird gelesen</translation>
    </message>
    <message>
        <source>The PIN of token {label!r} was changed.</source>
        <translation>Die PIN des Tokens {label!r} wurde geändert.</translation>
    </message>
    <message>
        <source>Proposal {id} recorded: {action}.</source>
        <translation>Antrag {id} aufgezeichnet: {action}.</translation>
    </message>
    <message>
        <source>Listing custodians</source>
        <translation>Verwahrer werden aufgelistet</translation>
    </message>
    <message>
        <source>{name}: key label {label!r}, certificate valid until {until} UTC, {subject}, SHA-256 {sha}{removed}</source>
        <translation>{name}: Schlüsselbezeichnung {label!r}, Zertifikat gültig bis {until} UTC, {subject}, SHA-256 {sha}{removed}</translation>
    </message>
    <message>
        <source> (removed)</source>
        <translation> (entfernt)</translation>
    </message>
    <message>
        <source>No custodian is registered yet.</source>
        <translation>Noch ist kein Verwahrer registriert.</translation>
    </message>
    <message>
        <source>Custodians</source>
        <translation>Verwahrer</translation>
    </message>
    <message>
        <source>Proposal {id} recorded.</source>
        <translation>Antrag {id} aufgezeichnet.</translation>
    </message>
    <message>
        <source>{custodian} approved proposal {id}: {approvals} of {required} approvals, {status}.</source>
        <translation>{custodian} hat Antrag {id} freigegeben: {approvals} von {required} Freigaben, {status}.</translation>
    </message>
    <message>
        <source>{custodian} rejected proposal {id}: {approvals} of {required} approvals, {status}.</source>
        <translation>{custodian} hat Antrag {id} abgelehnt: {approvals} von {required} Freigaben, {status}.</translation>
    </message>
    <message>
        <source>Certificate issued for the CSR</source>
        <translation>Für den CSR ausgestelltes Zertifikat</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>Zertifikate</translation>
    </message>
    <message>
        <source>Certificate needed</source>
        <translation>Zertifikat benötigt</translation>
    </message>
    <message>
        <source>Verifying the quorum</source>
        <translation>Quorum wird geprüft</translation>
    </message>
</context>
<context>
    <name>KeysTableModel</name>
    <message>
        <source>expired {days} days ago</source>
        <translation>seit {days} Tagen abgelaufen</translation>
    </message>
    <message>
        <source>expires today</source>
        <translation>läuft heute ab</translation>
    </message>
    <message>
        <source>expires in 1 day</source>
        <translation>läuft in 1 Tag ab</translation>
    </message>
    <message>
        <source>expires in {days} days</source>
        <translation>läuft in {days} Tagen ab</translation>
    </message>
    <message>
        <source>Key label</source>
        <translation>Schlüsselbezeichnung</translation>
    </message>
    <message>
        <source>Used for</source>
        <translation>Verwendet für</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>Algorithmus</translation>
    </message>
    <message>
        <source>Certificate subject</source>
        <translation>Zertifikatsinhaber</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Gültig bis</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>Ablauf</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>Siegel</translation>
    </message>
    <message>
        <source>Audit checkpoints</source>
        <translation>Prüfpunkte des Prüfprotokolls</translation>
    </message>
    <message>
        <source>(no certificate)</source>
        <translation>(kein Zertifikat)</translation>
    </message>
    <message>
        <source>Subject: {subject}
Issuer: {issuer}
Certificate SHA-256: {certificate_sha256}
Key id: {key_id}</source>
        <translation>Inhaber: {subject}
Aussteller: {issuer}
SHA-256 des Zertifikats: {certificate_sha256}
Schlüssel-ID: {key_id}</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <source>Demo mode is ready: token “{DEMO_LABEL}” (PIN {DEMO_PIN}), demo certificates and an offline timestamp authority.</source>
        <translation>Der Demo-Modus ist bereit: Token „{DEMO_LABEL}“ (PIN {DEMO_PIN}), Demo-Zertifikate und ein Offline-Zeitstempeldienst.</translation>
    </message>
    <message>
        <source>Recovered after an interrupted run: {count} seal(s) finished, {count2} unfinished file(s) discarded, {count3} missing (see the audit log).</source>
        <translation>Nach einem unterbrochenen Lauf wiederhergestellt: {count} Siegel abgeschlossen, {count2} unfertige Datei(en) verworfen, {count3} fehlend (siehe Prüfprotokoll).</translation>
    </message>
    <message>
        <source>Demo mode not available</source>
        <translation>Demo-Modus nicht verfügbar</translation>
    </message>
    <message>
        <source>SealDesk cannot start</source>
        <translation>SealDesk kann nicht starten</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>SealDesk — demo mode</source>
        <translation>SealDesk — Demo-Modus</translation>
    </message>
    <message>
        <source>SealDesk</source>
        <translation>SealDesk</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>Current page</source>
        <translation>Aktuelle Seite</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Add files…</source>
        <translation>Dateien &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About SealDesk</source>
        <translation>Über &amp;SealDesk</translation>
    </message>
    <message>
        <source>About SealDesk</source>
        <translation>Über SealDesk</translation>
    </message>
    <message>
        <source>SealDesk {version}

Seal PDF documents (PAdES) with a PKCS#11 token, keep a verifiable audit log, and re-prove seals on demand.</source>
        <translation>SealDesk {version}

PDF-Dokumente versiegeln (PAdES) mit einem PKCS#11-Token, ein nachprüfbares Prüfprotokoll führen und Siegel bei Bedarf erneut nachweisen.</translation>
    </message>
</context>
<context>
    <name>OutputFolderBar</name>
    <message>
        <source>Save sealed copies to:</source>
        <translation>Versiegelte Kopien speichern in:</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <source>Nowhere: sealed files stay in SealDesk&apos;s store only</source>
        <translation>Nirgends: versiegelte Dateien bleiben nur in der Ablage von SealDesk</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Wählen…</translation>
    </message>
    <message>
        <source>Choose the folder this and later batches copy to</source>
        <translation>Den Ordner wählen, in den dieser und spätere Stapel kopiert werden</translation>
    </message>
    <message>
        <source>Don&apos;t copy</source>
        <translation>Nicht kopieren</translation>
    </message>
    <message>
        <source>Keep sealed files in SealDesk&apos;s store only</source>
        <translation>Versiegelte Dateien nur in der Ablage von SealDesk behalten</translation>
    </message>
    <message>
        <source>Save sealed copies to</source>
        <translation>Versiegelte Kopien speichern in</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Sealed documents</source>
        <translation>Versiegelte Dokumente</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Dokumente</translation>
    </message>
    <message>
        <source>&amp;Documents</source>
        <translation>D&amp;okumente</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Vorfälle</translation>
    </message>
    <message>
        <source>&amp;Keys</source>
        <translation>&amp;Schlüssel</translation>
    </message>
    <message>
        <source>&amp;Roles</source>
        <translation>&amp;Rollen</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Beweise</translation>
    </message>
    <message>
        <source>Revalidation</source>
        <translation>Revalidierung</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Aufbewahrung</translation>
    </message>
    <message>
        <source>Keys &amp; certificates</source>
        <translation>Schlüssel und Zertifikate</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rollen</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Snapshots</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Audit</source>
        <translation>&amp;Prüfprotokoll</translation>
    </message>
    <message>
        <source>E&amp;vidence</source>
        <translation>Be&amp;weise</translation>
    </message>
</context>
<context>
    <name>PdfControls</name>
    <message>
        <source>Previous page</source>
        <translation>Vorherige Seite</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Nächste Seite</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Breite anpassen</translation>
    </message>
    <message>
        <source>Fit the page to the width</source>
        <translation>Die Seite an die Breite anpassen</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Breite</translation>
    </message>
    <message>
        <source>Page number</source>
        <translation>Seitenzahl</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>of {count}</source>
        <translation>von {count}</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Document preview</source>
        <translation>Dokumentvorschau</translation>
    </message>
    <message>
        <source>Select a document to preview it.</source>
        <translation>Wählen Sie ein Dokument für die Vorschau.</translation>
    </message>
    <message>
        <source>Loading preview…</source>
        <translation>Vorschau wird geladen…</translation>
    </message>
    <message>
        <source>This file cannot be previewed (QtPdf could not read it).</source>
        <translation>Diese Datei kann nicht angezeigt werden (QtPdf konnte sie nicht lesen).</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <source>Export evidence for a period</source>
        <translation>Beweise für einen Zeitraum exportieren</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Erster Tag</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <source>&amp;From (UTC day):</source>
        <translation>&amp;Von (UTC-Tag):</translation>
    </message>
    <message>
        <source>&amp;To (UTC day, included):</source>
        <translation>&amp;Bis (UTC-Tag, einschließlich):</translation>
    </message>
    <message>
        <source>Every document sealed on these days goes into the bundle.</source>
        <translation>Jedes an diesen Tagen versiegelte Dokument kommt in das Beweispaket.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Log in to the token</source>
        <translation>Am Token anmelden</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>(ohne Bezeichnung)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <source>Serial:</source>
        <translation>Seriennummer:</translation>
    </message>
    <message>
        <source>Seal documents</source>
        <translation>Dokumente versiegeln</translation>
    </message>
    <message>
        <source>Token PIN</source>
        <translation>Token-PIN</translation>
    </message>
    <message>
        <source>User PIN</source>
        <translation>Benutzer-PIN</translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <source>Demo token PIN: {DEMO_PIN}</source>
        <translation>PIN des Demo-Tokens: {DEMO_PIN}</translation>
    </message>
    <message>
        <source>I understand that a wrong PIN now locks the token until the security officer unblocks it.</source>
        <translation>Mir ist bewusst, dass eine falsche PIN das Token jetzt sperrt, bis der Sicherheitsbeauftragte es entsperrt.</translation>
    </message>
    <message>
        <source>Acknowledge final PIN try</source>
        <translation>Letzten PIN-Versuch bestätigen</translation>
    </message>
    <message>
        <source>Log in and seal</source>
        <translation>Anmelden und versiegeln</translation>
    </message>
</context>
<context>
    <name>ProofDialog</name>
    <message>
        <source>Inclusion proof for entry {index}</source>
        <translation>Einschlussnachweis für Eintrag {index}</translation>
    </message>
    <message>
        <source>✔ Verified. {summary} The checkpoint is signed by an audit certificate issued by a configured trust anchor.</source>
        <translation>✔ Geprüft. {summary} Der Prüfpunkt ist von einem Protokollzertifikat signiert, das von einem konfigurierten Vertrauensanker ausgestellt wurde.</translation>
    </message>
    <message>
        <source>✔ The proof holds, but its signer is not a trusted audit certificate: {summary}</source>
        <translation>✔ Der Nachweis ist gültig, aber sein Unterzeichner ist kein vertrauenswürdiges Protokollzertifikat: {summary}</translation>
    </message>
    <message>
        <source>An auditor checks the saved file without SealDesk&apos;s database or token: sealdesk audit check-proof FILE --trusted-cert AUDIT.pem</source>
        <translation>Ein Prüfer kontrolliert die gespeicherte Datei ohne die Datenbank oder das Token von SealDesk: sealdesk audit check-proof DATEI --trusted-cert AUDIT.pem</translation>
    </message>
    <message>
        <source>Save proof…</source>
        <translation>Nachweis speichern…</translation>
    </message>
    <message>
        <source>Save inclusion proof</source>
        <translation>Einschlussnachweis speichern</translation>
    </message>
    <message>
        <source>Proof files (*.json);;All files (*)</source>
        <translation>Nachweisdateien (*.json);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>ProposalForm</name>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>why; the approving custodians read it</source>
        <translation>warum; die freigebenden Verwahrer lesen es</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>Give a reason: the approving custodians read it.</source>
        <translation>Geben Sie einen Grund an: die freigebenden Verwahrer lesen ihn.</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>In Arbeit…</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
</context>
<context>
    <name>ProposalStatus</name>
    <message>
        <source>proposed</source>
        <translation>beantragt</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>freigegeben</translation>
    </message>
    <message>
        <source>executing</source>
        <translation>in Ausführung</translation>
    </message>
    <message>
        <source>executed</source>
        <translation>ausgeführt</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
</context>
<context>
    <name>ProposalsTableModel</name>
    <message>
        <source>Proposal</source>
        <translation>Antrag</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>Freigaben</translation>
    </message>
    <message>
        <source>Proposed by</source>
        <translation>Beantragt von</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>integrity problem</source>
        <translation>Integritätsproblem</translation>
    </message>
    <message>
        <source>, {rejections} rejected</source>
        <translation>, {rejections} abgelehnt</translation>
    </message>
    <message>
        <source>{approvals} of {required}{rejected}</source>
        <translation>{approvals} von {required}{rejected}</translation>
    </message>
    <message>
        <source>
New key: {algorithm}</source>
        <translation>
Neuer Schlüssel: {algorithm}</translation>
    </message>
    <message>
        <source>Reason: {reason}{algorithm}
Hash: {sha256}</source>
        <translation>Grund: {reason}{algorithm}
Hash: {sha256}</translation>
    </message>
</context>
<context>
    <name>QuorumPolicyDialog</name>
    <message>
        <source>Quorum policy set (bootstrap closed): {rules}</source>
        <translation>Quorumsregel festgelegt (Ersteinrichtung abgeschlossen): {rules}</translation>
    </message>
    <message>
        <source>Quorum policy</source>
        <translation>Quorumsregel</translation>
    </message>
    <message>
        <source>Set the first quorum policy: how many custodians must approve each kind of action. It applies at once and closes the bootstrap; from then on changes need the custodians&apos; approval.</source>
        <translation>Die erste Quorumsregel festlegen: wie viele Verwahrer jede Art von Aktion freigeben müssen. Sie gilt sofort und schließt die Ersteinrichtung ab; danach brauchen Änderungen die Freigabe der Verwahrer.</translation>
    </message>
    <message>
        <source>Propose a new quorum policy: the custodians approve the change under the policy in force (version {version}).</source>
        <translation>Eine neue Quorumsregel beantragen: die Verwahrer geben die Änderung unter der geltenden Regel (Version {version}) frei.</translation>
    </message>
    <message>
        <source>Set policy</source>
        <translation>Regel festlegen</translation>
    </message>
    <message>
        <source>Propose policy</source>
        <translation>Regel beantragen</translation>
    </message>
    <message>
        <source> of {n}</source>
        <translation> von {n}</translation>
    </message>
    <message>
        <source>&amp;Every action needs:</source>
        <translation>&amp;Jede Aktion braucht:</translation>
    </message>
    <message>
        <source>Approvals needed, unless an action below says otherwise</source>
        <translation>Nötige Freigaben, sofern eine Aktion unten nichts anderes sagt</translation>
    </message>
    <message>
        <source>Per action</source>
        <translation>Je Aktion</translation>
    </message>
    <message>
        <source>Register the first custodians before setting the policy.</source>
        <translation>Registrieren Sie die ersten Verwahrer, bevor Sie die Regel festlegen.</translation>
    </message>
    <message>
        <source>Setting this quorum policy</source>
        <translation>Quorumsregel wird festgelegt</translation>
    </message>
    <message>
        <source>Recording this proposal</source>
        <translation>Antrag wird aufgezeichnet</translation>
    </message>
</context>
<context>
    <name>QuorumReport</name>
    <message>
        <source>Approvals verified from the audit log: {names}</source>
        <translation>Aus dem Prüfprotokoll bestätigte Freigaben: {names}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Required when execution started: {m}</source>
        <translation>Erforderlich bei Beginn der Ausführung: {m}</translation>
    </message>
    <message>
        <source>Problem: {problem}</source>
        <translation>Problem: {problem}</translation>
    </message>
    <message>
        <source>Quorum verified</source>
        <translation>Quorum bestätigt</translation>
    </message>
    <message>
        <source>Quorum does NOT verify</source>
        <translation>Quorum wird NICHT bestätigt</translation>
    </message>
</context>
<context>
    <name>RecipientsDialog</name>
    <message>
        <source>Encrypt evidence bundles for recipients</source>
        <translation>Beweispakete für Empfänger verschlüsseln</translation>
    </message>
    <message>
        <source>Exported bundles are encrypted so that only the holders of these certificates can open them (CMS, .p7m; opened with &apos;openssl cms -decrypt&apos; and their private key). No unencrypted copy is written. Leave the list empty to export ordinary, unencrypted bundles.</source>
        <translation>Exportierte Beweispakete werden so verschlüsselt, dass nur die Inhaber dieser Zertifikate sie öffnen können (CMS, .p7m; geöffnet mit „openssl cms -decrypt“ und ihrem privaten Schlüssel). Es wird keine unverschlüsselte Kopie geschrieben. Lassen Sie die Liste leer, um gewöhnliche, unverschlüsselte Beweispakete zu exportieren.</translation>
    </message>
    <message>
        <source>Recipient certificates</source>
        <translation>Empfängerzertifikate</translation>
    </message>
    <message>
        <source>&amp;Recipient certificates (the auditor&apos;s encryption certificate):</source>
        <translation>&amp;Empfängerzertifikate (das Verschlüsselungszertifikat des Prüfers):</translation>
    </message>
    <message>
        <source>&amp;Add recipient certificate…</source>
        <translation>Empfängerzertifikat &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Choose the recipient&apos;s RSA encryption certificate (.pem, .crt or .der)</source>
        <translation>Das RSA-Verschlüsselungszertifikat des Empfängers wählen (.pem, .crt oder .der)</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>E&amp;ntfernen</translation>
    </message>
    <message>
        <source>Remove the selected recipient</source>
        <translation>Den gewählten Empfänger entfernen</translation>
    </message>
    <message>
        <source>Recipient certificate</source>
        <translation>Empfängerzertifikat</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>Zertifikate (*.pem *.crt *.cer *.der);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>{0}
Certificate SHA-256 {1}</source>
        <translation>{0}
Zertifikat SHA-256 {1}</translation>
    </message>
    <message>
        <source>No recipient: bundles are not encrypted.</source>
        <translation>Kein Empfänger: Beweispakete werden nicht verschlüsselt.</translation>
    </message>
</context>
<context>
    <name>RemoveCustodianDialog</name>
    <message>
        <source>{name} (certificate {sha}…)</source>
        <translation>{name} (Zertifikat {sha}…)</translation>
    </message>
    <message>
        <source>&amp;Custodian:</source>
        <translation>&amp;Verwahrer:</translation>
    </message>
    <message>
        <source>No custodian is registered.</source>
        <translation>Kein Verwahrer ist registriert.</translation>
    </message>
    <message>
        <source>Recording this proposal</source>
        <translation>Antrag wird aufgezeichnet</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>Sub-indication</source>
        <translation>Unterindikation</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>{time} UTC</source>
        <translation>{time} UTC</translation>
    </message>
</context>
<context>
    <name>ResultsProxy</name>
    <message>
        <source>FAILED</source>
        <translation>FAILED</translation>
    </message>
    <message>
        <source>INDETERMINATE</source>
        <translation>INDETERMINATE</translation>
    </message>
</context>
<context>
    <name>RetentionActions</name>
    <message>
        <source>Place legal &amp;hold…</source>
        <translation>Legal Hold &amp;setzen…</translation>
    </message>
    <message>
        <source>Re&amp;lease legal hold…</source>
        <translation>Legal Hold au&amp;fheben…</translation>
    </message>
    <message>
        <source>Change retention &amp;class…</source>
        <translation>Auf&amp;bewahrungsklasse ändern…</translation>
    </message>
    <message>
        <source>Place a legal hold on the selected sealed documents: nothing deletes them until it is released</source>
        <translation>Einen Legal Hold auf die gewählten versiegelten Dokumente setzen: nichts löscht sie, bis er aufgehoben ist</translation>
    </message>
    <message>
        <source>Release a legal hold of the selected documents (audited)</source>
        <translation>Einen Legal Hold der gewählten Dokumente aufheben (protokolliert)</translation>
    </message>
    <message>
        <source>Give the selected sealed documents another retention class of the signing policy (audited)</source>
        <translation>Den gewählten versiegelten Dokumenten eine andere Aufbewahrungsklasse der Signaturrichtlinie geben (protokolliert)</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Aufbewahrung</translation>
    </message>
    <message>
        <source>Retention and legal hold</source>
        <translation>Aufbewahrung und Legal Hold</translation>
    </message>
    <message>
        <source>Legal hold and retention class of the selected documents</source>
        <translation>Legal Hold und Aufbewahrungsklasse der gewählten Dokumente</translation>
    </message>
    <message>
        <source>Releasing this legal hold</source>
        <translation>Legal Hold wird aufgehoben</translation>
    </message>
    <message>
        <source>Changing the retention class</source>
        <translation>Aufbewahrungsklasse wird geändert</translation>
    </message>
    <message>
        <source>Recorded in the audit log (entries {e}).</source>
        <translation>Im Prüfprotokoll aufgezeichnet (Einträge {e}).</translation>
    </message>
</context>
<context>
    <name>RetentionColumn</name>
    <message>
        <source>Retention</source>
        <translation>Aufbewahrung</translation>
    </message>
    <message>
        <source>Retention class, due date and legal holds, as the audit log proves them</source>
        <translation>Aufbewahrungsklasse, Fälligkeit und Legal Holds, wie das Prüfprotokoll sie belegt</translation>
    </message>
    <message>
        <source>Deleted (event {n})</source>
        <translation>Gelöscht (Ereignis {n})</translation>
    </message>
    <message>
        <source>no class</source>
        <translation>keine Klasse</translation>
    </message>
    <message>
        <source>HOLD · {text}</source>
        <translation>HOLD · {text}</translation>
    </message>
    <message>
        <source>DUE · {text}</source>
        <translation>FÄLLIG · {text}</translation>
    </message>
    <message>
        <source>Deleted under retention (event {n}); the seal&apos;s hashes and the audit events remain.</source>
        <translation>Nach Ablauf der Aufbewahrung gelöscht (Ereignis {n}); die Hashes des Siegels und die Protokollereignisse bleiben.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Retention class: {c}</source>
        <translation>Aufbewahrungsklasse: {c}</translation>
    </message>
    <message>
        <source>Retention ends: {d}</source>
        <translation>Aufbewahrung endet: {d}</translation>
    </message>
    <message>
        <source>The retention clock has not started yet.</source>
        <translation>Die Aufbewahrungsfrist hat noch nicht begonnen.</translation>
    </message>
    <message>
        <source>Legal hold {case}: {reason} (by {who}, {when}, event {n})</source>
        <translation>Legal Hold {case}: {reason} (von {who}, {when}, Ereignis {n})</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <source>Place legal hold</source>
        <translation>Legal Hold setzen</translation>
    </message>
    <message>
        <source>Release legal hold</source>
        <translation>Legal Hold aufheben</translation>
    </message>
    <message>
        <source>Change retention class</source>
        <translation>Aufbewahrungsklasse ändern</translation>
    </message>
    <message>
        <source> and {n} more</source>
        <translation> und {n} weitere</translation>
    </message>
    <message>
        <source>Documents: {names}</source>
        <translation>Dokumente: {names}</translation>
    </message>
    <message>
        <source>e.g. LIT-2026-014</source>
        <translation>z. B. LIT-2026-014</translation>
    </message>
    <message>
        <source>Case reference</source>
        <translation>Aktenzeichen</translation>
    </message>
    <message>
        <source>Retention class</source>
        <translation>Aufbewahrungsklasse</translation>
    </message>
    <message>
        <source>Why — recorded in the audit log with your name and the time</source>
        <translation>Warum — im Prüfprotokoll mit Ihrem Namen und der Uhrzeit aufgezeichnet</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Case reference:</source>
        <translation>Aktenzeichen:</translation>
    </message>
    <message>
        <source>New class:</source>
        <translation>Neue Klasse:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
</context>
<context>
    <name>RetentionPage</name>
    <message>
        <source>Documents whose retention has ended</source>
        <translation>Dokumente, deren Aufbewahrung abgelaufen ist</translation>
    </message>
    <message>
        <source>Show documents due within</source>
        <translation>Dokumente anzeigen, fällig innerhalb von</translation>
    </message>
    <message>
        <source>Due now</source>
        <translation>Jetzt fällig</translation>
    </message>
    <message>
        <source>Due within 30 days</source>
        <translation>Fällig in 30 Tagen</translation>
    </message>
    <message>
        <source>Due within 90 days</source>
        <translation>Fällig in 90 Tagen</translation>
    </message>
    <message>
        <source>Due within a year</source>
        <translation>Fällig in einem Jahr</translation>
    </message>
    <message>
        <source>Documents falling due</source>
        <translation>Fällig werdende Dokumente</translation>
    </message>
    <message>
        <source>Nothing falls due.</source>
        <translation>Nichts wird fällig.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Propose deletion…</source>
        <translation>Löschung beantragen…</translation>
    </message>
    <message>
        <source>Record a deletion proposal for the selected due documents; a custodian approves it before anything is deleted</source>
        <translation>Einen Löschantrag für die gewählten fälligen Dokumente aufzeichnen; ein Verwahrer gibt ihn frei, bevor etwas gelöscht wird</translation>
    </message>
    <message>
        <source>Execute approved deletion…</source>
        <translation>Freigegebene Löschung ausführen…</translation>
    </message>
    <message>
        <source>Carry out a deletion proposal the custodians approved: the stored content is removed; the seal&apos;s hashes and the audit events remain</source>
        <translation>Einen von den Verwahrern freigegebenen Löschantrag ausführen: der gespeicherte Inhalt wird entfernt; die Hashes des Siegels und die Protokollereignisse bleiben</translation>
    </message>
    <message>
        <source>The signing policy in force has no retention classes; custodians adopt them with &apos;sealdesk retention propose-classes&apos;.</source>
        <translation>Die geltende Signaturrichtlinie hat keine Aufbewahrungsklassen; Verwahrer führen sie mit &apos;sealdesk retention propose-classes&apos; ein.</translation>
    </message>
    <message>
        <source>Classes of signing policy v{v} (default {d}): {names}</source>
        <translation>Klassen der Signaturrichtlinie v{v} (Vorgabe {d}): {names}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Propose deletion</source>
        <translation>Löschung beantragen</translation>
    </message>
    <message>
        <source>Why may these {n} document(s) be deleted? The approving custodians read this.</source>
        <translation>Warum dürfen diese {n} Dokument(e) gelöscht werden? Die freigebenden Verwahrer lesen dies.</translation>
    </message>
    <message>
        <source>Recording this deletion proposal</source>
        <translation>Löschantrag wird aufgezeichnet</translation>
    </message>
    <message>
        <source>Deletion proposal {pid} recorded. A custodian approves it on the Keys &amp; certificates page (or &apos;sealdesk rotation approve {pid}&apos;); then use “Execute approved deletion…”.</source>
        <translation>Löschantrag {pid} aufgezeichnet. Ein Verwahrer gibt ihn auf der Seite „Schlüssel und Zertifikate“ frei (oder mit &apos;sealdesk rotation approve {pid}&apos;); danach „Freigegebene Löschung ausführen…“ verwenden.</translation>
    </message>
    <message>
        <source>Execute approved deletion</source>
        <translation>Freigegebene Löschung ausführen</translation>
    </message>
    <message>
        <source>Proposal id (16 hex digits):</source>
        <translation>Antrags-ID (16 Hex-Ziffern):</translation>
    </message>
    <message>
        <source>Executing deletion proposal {pid}</source>
        <translation>Löschantrag {pid} wird ausgeführt</translation>
    </message>
    <message>
        <source>{n} document(s) deleted under retention; {f} stored file(s) removed. The seals&apos; hashes and the audit events remain.</source>
        <translation>{n} Dokument(e) nach Ablauf der Aufbewahrung gelöscht; {f} gespeicherte Datei(en) entfernt. Die Hashes der Siegel und die Protokollereignisse bleiben.</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Aufbewahrung</translation>
    </message>
</context>
<context>
    <name>RetireKeyDialog</name>
    <message>
        <source>Retire a pending key</source>
        <translation>Ausstehenden Schlüssel stilllegen</translation>
    </message>
    <message>
        <source>A key that a rotation generated but never made active can be retired; the custodians approve it like any key action.</source>
        <translation>Ein Schlüssel, den ein Schlüsselwechsel erzeugt, aber nie aktiviert hat, kann stillgelegt werden; die Verwahrer geben das wie jede Schlüsselaktion frei.</translation>
    </message>
    <message>
        <source>Propose retiring</source>
        <translation>Stilllegung beantragen</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>No pending key is in the key registry.</source>
        <translation>Kein ausstehender Schlüssel im Schlüsselregister.</translation>
    </message>
    <message>
        <source>Recording this proposal</source>
        <translation>Antrag wird aufgezeichnet</translation>
    </message>
</context>
<context>
    <name>RevalidationPage</name>
    <message>
        <source>Start run</source>
        <translation>Lauf starten</translation>
    </message>
    <message>
        <source>Resume run</source>
        <translation>Lauf fortsetzen</translation>
    </message>
    <message>
        <source>Check the documents this run has not checked yet</source>
        <translation>Die Dokumente prüfen, die dieser Lauf noch nicht geprüft hat</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>No runs yet</source>
        <translation>Noch keine Läufe</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>JSON exportieren…</translation>
    </message>
    <message>
        <source>Export HTML…</source>
        <translation>HTML exportieren…</translation>
    </message>
    <message>
        <source>Checking… %v of %m documents</source>
        <translation>Prüfung… %v von %m Dokumenten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Result details</source>
        <translation>Ergebnisdetails</translation>
    </message>
    <message>
        <source>Select a document to see its reasons and certificates.</source>
        <translation>Dokument wählen für Gründe und Zertifikate.</translation>
    </message>
    <message>
        <source>Choose the files to revalidate first.</source>
        <translation>Wählen Sie zuerst die zu revalidierenden Dateien.</translation>
    </message>
    <message>
        <source>Cancelling after the documents being checked…</source>
        <translation>Abbruch nach den gerade geprüften Dokumenten…</translation>
    </message>
    <message>
        <source>Scheduled revalidation started.</source>
        <translation>Geplante Revalidierung gestartet.</translation>
    </message>
    <message>
        <source>Checked {name}</source>
        <translation>{name} geprüft</translation>
    </message>
    <message>
        <source>Revalidation run {run_id} finished: {incidents} incident(s).</source>
        <translation>Revalidierungslauf {run_id} beendet; Vorfälle: {incidents}.</translation>
    </message>
    <message>
        <source>Run {run_id} cancelled with {pending} document(s) still to check; resume it any time.</source>
        <translation>Lauf {run_id} abgebrochen, {pending} Dokument(e) noch zu prüfen; Sie können ihn jederzeit fortsetzen.</translation>
    </message>
    <message>
        <source>{count:,} documents in this run, {incidents} incident(s).</source>
        <translation>{count:,} Dokumente in diesem Lauf; Vorfälle: {incidents}.</translation>
    </message>
    <message>
        <source>Report saved: {path}</source>
        <translation>Bericht gespeichert: {path}</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Review and propose</source>
        <translation>Prüfen und beantragen</translation>
    </message>
    <message>
        <source>Nothing changes on the token until the custodians approved and the proposal is executed.</source>
        <translation>Auf dem Token ändert sich nichts, bis die Verwahrer freigegeben haben und der Antrag ausgeführt ist.</translation>
    </message>
    <message>
        <source>Propose</source>
        <translation>Beantragen</translation>
    </message>
</context>
<context>
    <name>RolesPage</name>
    <message>
        <source>Roles</source>
        <translation>Rollen</translation>
    </message>
    <message>
        <source>Role assignments</source>
        <translation>Rollenzuweisungen</translation>
    </message>
    <message>
        <source>Proof of the selected assignment</source>
        <translation>Nachweis der gewählten Zuweisung</translation>
    </message>
    <message>
        <source>Select an assignment to see the log entry that granted it.</source>
        <translation>Wählen Sie eine Zuweisung, um den Protokolleintrag zu sehen, der sie erteilt hat.</translation>
    </message>
    <message>
        <source>&amp;Grant role</source>
        <translation>Rolle &amp;erteilen</translation>
    </message>
    <message>
        <source>Re&amp;voke role</source>
        <translation>Rolle ent&amp;ziehen</translation>
    </message>
    <message>
        <source>Show &amp;proof of the assignment…</source>
        <translation>&amp;Nachweis der Zuweisung anzeigen…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Operating-system account</source>
        <translation>Betriebssystem-Konto</translation>
    </message>
    <message>
        <source>the person&apos;s login name, e.g. jdoe</source>
        <translation>Anmeldename der Person, z. B. jdoe</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>Bearbeitername</translation>
    </message>
    <message>
        <source>empty: any name under that account</source>
        <translation>leer: jeder Name unter diesem Konto</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>recorded in the audit log; approvers read it</source>
        <translation>im Prüfprotokoll aufgezeichnet; Freigebende lesen ihn</translation>
    </message>
    <message>
        <source>&amp;Grant</source>
        <translation>&amp;Erteilen</translation>
    </message>
    <message>
        <source>Grant the role</source>
        <translation>Die Rolle erteilen</translation>
    </message>
    <message>
        <source>Re&amp;voke</source>
        <translation>Ent&amp;ziehen</translation>
    </message>
    <message>
        <source>Revoke the role</source>
        <translation>Die Rolle entziehen</translation>
    </message>
    <message>
        <source>Show &amp;proof…</source>
        <translation>&amp;Nachweis anzeigen…</translation>
    </message>
    <message>
        <source>Show the proof of the assignment</source>
        <translation>Den Nachweis der Zuweisung anzeigen</translation>
    </message>
    <message>
        <source>Who may seal (operator), approve key actions (custodian), read and verify (auditor) and administer. A role belongs to an operating-system account, bound to its user id, under any operator name or one. Every grant and revoke is recorded in the audit log; once the custodians&apos; quorum policy is set, custodian and administrator changes need their approval.</source>
        <translation>Wer versiegeln (Bearbeiter), Schlüsselaktionen freigeben (Verwahrer), lesen und prüfen (Prüfer) und verwalten darf. Eine Rolle gehört zu einem Betriebssystem-Konto, gebunden an dessen Benutzer-ID, unter jedem oder einem bestimmten Bearbeiternamen. Jedes Erteilen und Entziehen wird im Prüfprotokoll aufgezeichnet; sobald die Quorumsregel der Verwahrer festgelegt ist, brauchen Änderungen an Verwahrer- und Administratorrollen ihre Freigabe.</translation>
    </message>
    <message>
        <source>Role changes waiting for the custodians</source>
        <translation>Rollenänderungen, die auf die Verwahrer warten</translation>
    </message>
    <message>
        <source>Grant or revoke a role</source>
        <translation>Eine Rolle erteilen oder entziehen</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rolle:</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Konto:</translation>
    </message>
    <message>
        <source>Operator &amp;name:</source>
        <translation>&amp;Bearbeitername:</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>Proof in the audit log</source>
        <translation>Nachweis im Prüfprotokoll</translation>
    </message>
    <message>
        <source>no role</source>
        <translation>keine Rolle</translation>
    </message>
    <message>
        <source>You are {identity}; you hold: {roles}.</source>
        <translation>Sie sind {identity}; Ihre Rollen: {roles}.</translation>
    </message>
    <message>
        <source>Operator and auditor changes apply at once. Custodian and administrator changes become a proposal: the custodians approve it on the Keys &amp; certificates page, then it is executed there.</source>
        <translation>Änderungen an Bearbeiter- und Prüferrollen gelten sofort. Änderungen an Verwahrer- und Administratorrollen werden ein Antrag: die Verwahrer geben ihn auf der Seite „Schlüssel und Zertifikate“ frei, dann wird er dort ausgeführt.</translation>
    </message>
    <message>
        <source>No quorum policy is set yet, so every change applies at once.</source>
        <translation>Noch ist keine Quorumsregel festgelegt, daher gilt jede Änderung sofort.</translation>
    </message>
    <message>
        <source>Waiting for the custodians: proposal {id} grants the {role} role to {who} ({approvals} of {required} approvals).</source>
        <translation>Wartet auf die Verwahrer: Antrag {id} erteilt {who} die Rolle {role} ({approvals} von {required} Freigaben).</translation>
    </message>
    <message>
        <source>Waiting for the custodians: proposal {id} revokes the {role} role from {who} ({approvals} of {required} approvals).</source>
        <translation>Wartet auf die Verwahrer: Antrag {id} entzieht {who} die Rolle {role} ({approvals} von {required} Freigaben).</translation>
    </message>
    <message>
        <source>{role} — held by {person}</source>
        <translation>{role} — innegehabt von {person}</translation>
    </message>
    <message>
        <source>Bound to user id: {uid}</source>
        <translation>Gebunden an Benutzer-ID: {uid}</translation>
    </message>
    <message>
        <source>not bound (the account had no user id here)</source>
        <translation>nicht gebunden (das Konto hatte hier keine Benutzer-ID)</translation>
    </message>
    <message>
        <source>How: {how}</source>
        <translation>Wie: {how}</translation>
    </message>
    <message>
        <source>Granted by: {who}</source>
        <translation>Erteilt von: {who}</translation>
    </message>
    <message>
        <source>No log entry yet: the installation&apos;s owner holds every role until the first role change is recorded.</source>
        <translation>Noch kein Protokolleintrag: der Eigentümer der Installation hat jede Rolle, bis die erste Rollenänderung aufgezeichnet ist.</translation>
    </message>
    <message>
        <source>Audit log entry: {entry}</source>
        <translation>Protokolleintrag: {entry}</translation>
    </message>
    <message>
        <source>Entry hash: {hash}</source>
        <translation>Eintrags-Hash: {hash}</translation>
    </message>
    <message>
        <source>Covered by the latest signed checkpoint ({size} entries): Show proof checks the signature and the audit path.</source>
        <translation>Durch den neuesten signierten Prüfpunkt abgedeckt ({size} Einträge): „Nachweis anzeigen“ prüft die Signatur und den Prüfpfad.</translation>
    </message>
    <message>
        <source>Not yet covered by a signed checkpoint: one is taken at the end of the next sealing or key operation.</source>
        <translation>Noch nicht durch einen signierten Prüfpunkt abgedeckt: einer wird am Ende des nächsten Versiegelns oder Schlüsselvorgangs erstellt.</translation>
    </message>
    <message>
        <source>Command line: sealdesk audit proof --event {entry}</source>
        <translation>Befehlszeile: sealdesk audit proof --event {entry}</translation>
    </message>
    <message>
        <source>Auditor mode — read only: nothing can be changed here.</source>
        <translation>Prüfermodus — nur lesen: hier kann nichts geändert werden.</translation>
    </message>
    <message>
        <source>A role change is being recorded; wait for its result.</source>
        <translation>Eine Rollenänderung wird aufgezeichnet; warten Sie auf ihr Ergebnis.</translation>
    </message>
    <message>
        <source>Reading the role assignments…</source>
        <translation>Rollenzuweisungen werden gelesen…</translation>
    </message>
    <message>
        <source>Only an administrator can grant or revoke roles; you ({identity}) are not one. Administrators: {admins}.</source>
        <translation>Nur ein Administrator kann Rollen erteilen oder entziehen; Sie ({identity}) sind keiner. Administratoren: {admins}.</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>niemand</translation>
    </message>
    <message>
        <source>Type the person&apos;s operating-system account first.</source>
        <translation>Geben Sie zuerst das Betriebssystem-Konto der Person ein.</translation>
    </message>
    <message>
        <source>Grant the chosen role to the account (Ctrl+G); recorded in the audit log</source>
        <translation>Die gewählte Rolle dem Konto erteilen (Ctrl+G); im Prüfprotokoll aufgezeichnet</translation>
    </message>
    <message>
        <source>Revoke the chosen role from the account (Ctrl+Shift+G); recorded in the audit log</source>
        <translation>Die gewählte Rolle dem Konto entziehen (Ctrl+Shift+G); im Prüfprotokoll aufgezeichnet</translation>
    </message>
    <message>
        <source>Select an assignment first.</source>
        <translation>Wählen Sie zuerst eine Zuweisung.</translation>
    </message>
    <message>
        <source>This assignment has no log entry yet (installation owner).</source>
        <translation>Diese Zuweisung hat noch keinen Protokolleintrag (Eigentümer der Installation).</translation>
    </message>
    <message>
        <source>No signed checkpoint covers entry {entry} yet: one is taken at the end of the next sealing or key operation.</source>
        <translation>Noch deckt kein signierter Prüfpunkt Eintrag {entry} ab: einer wird am Ende des nächsten Versiegelns oder Schlüsselvorgangs erstellt.</translation>
    </message>
    <message>
        <source>Build the inclusion proof of the granting entry and check it against the latest signed checkpoint (Ctrl+P)</source>
        <translation>Den Einschlussnachweis des erteilenden Eintrags erstellen und gegen den neuesten signierten Prüfpunkt prüfen (Ctrl+P)</translation>
    </message>
    <message>
        <source>Recording the change…</source>
        <translation>Änderung wird aufgezeichnet…</translation>
    </message>
    <message>
        <source>Granting the {role} role to {account}</source>
        <translation>Rolle {role} wird {account} erteilt</translation>
    </message>
    <message>
        <source>Revoking the {role} role from {account}</source>
        <translation>Rolle {role} wird {account} entzogen</translation>
    </message>
    <message>
        <source>{role} role granted to {who}. Recorded in the audit log.</source>
        <translation>Rolle {role} an {who} erteilt. Im Prüfprotokoll aufgezeichnet.</translation>
    </message>
    <message>
        <source>{role} role revoked from {who}. Recorded in the audit log.</source>
        <translation>Rolle {role} von {who} entzogen. Im Prüfprotokoll aufgezeichnet.</translation>
    </message>
    <message>
        <source>Proposal {id} made: the {role} role goes to {who} once the custodians approve it and it is executed (Keys &amp; certificates page).</source>
        <translation>Antrag {id} gestellt: {who} erhält die Rolle {role}, sobald die Verwahrer ihn freigeben und er ausgeführt ist (Seite „Schlüssel und Zertifikate“).</translation>
    </message>
    <message>
        <source>Proposal {id} made: the {role} role is taken from {who} once the custodians approve it and it is executed (Keys &amp; certificates page).</source>
        <translation>Antrag {id} gestellt: {who} verliert die Rolle {role}, sobald die Verwahrer ihn freigeben und er ausgeführt ist (Seite „Schlüssel und Zertifikate“).</translation>
    </message>
    <message>
        <source>Not changed. {reason}</source>
        <translation>Nicht geändert. {reason}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>{path} gespeichert</translation>
    </message>
</context>
<context>
    <name>RolesTableModel</name>
    <message>
        <source>Operator</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <source>Custodian</source>
        <translation>Verwahrer</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>Prüfer</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>installation owner (no role assigned yet)</source>
        <translation>Eigentümer der Installation (noch keine Rolle vergeben)</translation>
    </message>
    <message>
        <source>installation owner (set-up)</source>
        <translation>Eigentümer der Installation (Einrichtung)</translation>
    </message>
    <message>
        <source>granted by an administrator</source>
        <translation>von einem Administrator erteilt</translation>
    </message>
    <message>
        <source>approved by the custodians ({proposal})</source>
        <translation>von den Verwahrern freigegeben ({proposal})</translation>
    </message>
    <message>
        <source>{account} (any name)</source>
        <translation>{account} (jeder Name)</translation>
    </message>
    <message>
        <source>{account} as “{name}”</source>
        <translation>{account} als „{name}“</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>Benutzer-ID</translation>
    </message>
    <message>
        <source>Granted (UTC)</source>
        <translation>Erteilt (UTC)</translation>
    </message>
    <message>
        <source>Granted by</source>
        <translation>Erteilt von</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Wie</translation>
    </message>
    <message>
        <source>Log entry</source>
        <translation>Protokolleintrag</translation>
    </message>
    <message>
        <source>since set-up</source>
        <translation>seit Einrichtung</translation>
    </message>
    <message>
        <source>No log entry yet: the installation&apos;s owner holds every role until the first role change is recorded.</source>
        <translation>Noch kein Protokolleintrag: der Eigentümer der Installation hat jede Rolle, bis die erste Rollenänderung aufgezeichnet ist.</translation>
    </message>
    <message>
        <source>Granted by audit log entry {entry} (hash {hash}). Select the row and choose Show proof to check it against a signed checkpoint.</source>
        <translation>Erteilt durch Protokolleintrag {entry} (Hash {hash}). Wählen Sie die Zeile und „Nachweis anzeigen“, um ihn gegen einen signierten Prüfpunkt zu prüfen.</translation>
    </message>
</context>
<context>
    <name>RotationWizard</name>
    <message>
        <source>Rotate a key</source>
        <translation>Einen Schlüssel wechseln</translation>
    </message>
    <message>
        <source>Which key?</source>
        <translation>Welcher Schlüssel?</translation>
    </message>
    <message>
        <source>A rotation generates a new key pair on the seal token, has it certified and makes it active. The old key is retired, not deleted: documents sealed with it keep validating.</source>
        <translation>Ein Schlüsselwechsel erzeugt ein neues Schlüsselpaar auf dem Siegel-Token, lässt es zertifizieren und aktiviert es. Der alte Schlüssel wird stillgelegt, nicht gelöscht: damit versiegelte Dokumente bleiben prüfbar.</translation>
    </message>
    <message>
        <source>Rotate the seal key (used for every new seal)</source>
        <translation>Den Siegelschlüssel wechseln (für jedes neue Siegel verwendet)</translation>
    </message>
    <message>
        <source>Rotate the audit key (signs the audit log&apos;s checkpoints)</source>
        <translation>Den Protokollschlüssel wechseln (signiert die Prüfpunkte des Prüfprotokolls)</translation>
    </message>
    <message>
        <source>The current key could not be read from the token.</source>
        <translation>Der aktuelle Schlüssel konnte nicht vom Token gelesen werden.</translation>
    </message>
    <message>
        <source>no certificate</source>
        <translation>kein Zertifikat</translation>
    </message>
    <message>
        <source>Current key: {label} ({algorithm}), certificate {subject}, {expiry}.</source>
        <translation>Aktueller Schlüssel: {label} ({algorithm}), Zertifikat {subject}, {expiry}.</translation>
    </message>
    <message>
        <source>The new key</source>
        <translation>Der neue Schlüssel</translation>
    </message>
    <message>
        <source>Approvers sign exactly these parameters.</source>
        <translation>Die Freigebenden signieren genau diese Parameter.</translation>
    </message>
    <message>
        <source>Why is the key rotated now? Approvers read this.</source>
        <translation>Warum wird der Schlüssel jetzt gewechselt? Die Freigebenden lesen dies.</translation>
    </message>
    <message>
        <source>Algorithm:</source>
        <translation>Algorithmus:</translation>
    </message>
    <message>
        <source>New key label:</source>
        <translation>Neue Schlüsselbezeichnung:</translation>
    </message>
    <message>
        <source>Certificate name (CN):</source>
        <translation>Zertifikatsname (CN):</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>Approvals accepted for:</source>
        <translation>Freigaben angenommen für:</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>Beantragt</translation>
    </message>
    <message>
        <source>Each approving custodian&apos;s token signs exactly:</source>
        <translation>Das Token jedes freigebenden Verwahrers signiert genau:</translation>
    </message>
    <message>
        <source>issued automatically by the demo CA</source>
        <translation>automatisch von der Demo-CA ausgestellt</translation>
    </message>
    <message>
        <source>issued by your CA from the exported CSR, then imported</source>
        <translation>von Ihrer CA aus dem exportierten CSR ausgestellt, dann importiert</translation>
    </message>
    <message>
        <source>Rotate the {purpose} key: generate {algorithm} key &apos;{label}&apos; on the token (non-extractable), certificate &apos;{common_name}&apos; {certificate}; activate it; retire &apos;{old_label}&apos;.

Reason: {reason}

Needs {required} of {custodians} custodian approvals within {lifetime}.</source>
        <translation>Den {purpose}-Schlüssel wechseln: {algorithm}-Schlüssel &apos;{label}&apos; auf dem Token erzeugen (nicht exportierbar), Zertifikat &apos;{common_name}&apos; {certificate}; aktivieren; &apos;{old_label}&apos; stilllegen.

Grund: {reason}

Benötigt {required} von {custodians} Verwahrer-Freigaben innerhalb von {lifetime}.</translation>
    </message>
    <message>
        <source>Recording this proposal</source>
        <translation>Antrag wird aufgezeichnet</translation>
    </message>
    <message>
        <source>Proposal {proposal_id} is recorded.

Proposal hash (SHA-256):
{sha256}

Custodians now approve it with their own tokens: select it on the Keys &amp; certificates page and choose “Approve / reject…”, or run &apos;sealdesk rotation approve {proposal_id}&apos;. It expires {expires:%Y-%m-%d %H:%M} UTC.</source>
        <translation>Antrag {proposal_id} ist erfasst.

Antrags-Hash (SHA-256):
{sha256}

Die Verwahrer geben ihn jetzt mit ihren eigenen Tokens frei: wählen Sie ihn auf der Seite „Schlüssel und Zertifikate“ und dann „Freigeben / ablehnen…“, oder führen Sie &apos;sealdesk rotation approve {proposal_id}&apos; aus. Er läuft am {expires:%Y-%m-%d %H:%M} UTC ab.</translation>
    </message>
</context>
<context>
    <name>ScopePicker</name>
    <message>
        <source>Scope of the run</source>
        <translation>Umfang des Laufs</translation>
    </message>
    <message>
        <source>Every sealed document</source>
        <translation>Jedes versiegelte Dokument</translation>
    </message>
    <message>
        <source>Sealed since…</source>
        <translation>Versiegelt seit…</translation>
    </message>
    <message>
        <source>Chosen files…</source>
        <translation>Gewählte Dateien…</translation>
    </message>
    <message>
        <source>Sealed since</source>
        <translation>Versiegelt seit</translation>
    </message>
    <message>
        <source>Choose files…</source>
        <translation>Dateien wählen…</translation>
    </message>
    <message>
        <source>Any PAdES PDF, also ones sealed by other tools</source>
        <translation>Jedes PAdES-PDF, auch mit anderen Werkzeugen versiegelte</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>Umfang:</translation>
    </message>
    <message>
        <source>{count} file(s)</source>
        <translation>{count} Datei(en)</translation>
    </message>
    <message>
        <source>Choose sealed PDFs to revalidate</source>
        <translation>Versiegelte PDFs zur Revalidierung wählen</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf);;All files (*)</source>
        <translation>PDF-Dokumente (*.pdf);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>SealChoicesBox</name>
    <message>
        <source>Seal with</source>
        <translation>Versiegeln mit</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Written into the seal; the default comes from Settings.</source>
        <translation>Wird in das Siegel geschrieben; die Vorgabe kommt aus den Einstellungen.</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>PAdES level</source>
        <translation>PAdES-Stufe</translation>
    </message>
    <message>
        <source>Retention class</source>
        <translation>Aufbewahrungsklasse</translation>
    </message>
    <message>
        <source>{name} (policy default)</source>
        <translation>{name} (Vorgabe der Richtlinie)</translation>
    </message>
    <message>
        <source>(the signing policy has no classes)</source>
        <translation>(die Signaturrichtlinie hat keine Klassen)</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>L&amp;ocation:</source>
        <translation>&amp;Ort:</translation>
    </message>
    <message>
        <source>PAdES &amp;level:</source>
        <translation>PAdES-&amp;Stufe:</translation>
    </message>
    <message>
        <source>Re&amp;tention class:</source>
        <translation>&amp;Aufbewahrungsklasse:</translation>
    </message>
    <message>
        <source>page </source>
        <translation>Seite </translation>
    </message>
    <message>
        <source>Visible seal page</source>
        <translation>Seite des sichtbaren Siegels</translation>
    </message>
    <message>
        <source>Visible seal box</source>
        <translation>Rahmen des sichtbaren Siegels</translation>
    </message>
    <message>
        <source>x1, y1, x2, y2 in PDF points from the page&apos;s lower-left corner</source>
        <translation>x1, y1, x2, y2 in PDF-Punkt ab der linken unteren Ecke der Seite</translation>
    </message>
    <message>
        <source>Cl&amp;ear</source>
        <translation>Entfe&amp;rnen</translation>
    </message>
    <message>
        <source>Seal without this box (the Settings stamp applies)</source>
        <translation>Ohne diesen Rahmen versiegeln (es gilt der Stempel aus den Einstellungen)</translation>
    </message>
    <message>
        <source>&amp;Visible seal:</source>
        <translation>Sic&amp;htbares Siegel:</translation>
    </message>
    <message>
        <source>Not a box: give x1, y1, x2, y2 with x2 &gt; x1 and y2 &gt; y1. As it stands the Settings stamp applies.</source>
        <translation>Kein gültiger Rahmen: geben Sie x1, y1, x2, y2 mit x2 &gt; x1 und y2 &gt; y1 an. So gilt der Stempel aus den Einstellungen.</translation>
    </message>
    <message>
        <source>The signing policy allows only {allowed}: this batch would be refused.</source>
        <translation>Die Signaturrichtlinie erlaubt nur {allowed}: dieser Stapel würde abgelehnt.</translation>
    </message>
</context>
<context>
    <name>SealFlow</name>
    <message>
        <source>Looking for the token…</source>
        <translation>Token wird gesucht…</translation>
    </message>
    <message>
        <source>Sealing {count} document(s) needs the token&apos;s user PIN.</source>
        <translation>Zum Versiegeln von {count} Dokument(en) wird die Benutzer-PIN des Tokens benötigt.</translation>
    </message>
    <message>
        <source>Sealing {count} document(s)…</source>
        <translation>{count} Dokument(e) werden versiegelt…</translation>
    </message>
    <message>
        <source>Token removed: waiting before {document}…</source>
        <translation>Token entfernt: Warten vor {document}…</translation>
    </message>
    <message>
        <source>Reconnecting to the token…</source>
        <translation>Verbindung zum Token wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>Sealing stopped</source>
        <translation>Versiegelung angehalten</translation>
    </message>
    <message>
        <source>Sealing failed</source>
        <translation>Versiegelung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Nothing was sealed: {reason}</source>
        <translation>Nichts wurde versiegelt: {reason}</translation>
    </message>
    <message>
        <source>Switched to the standby token (INC-{incident}); sealing again with it.</source>
        <translation>Auf das Ersatz-Token gewechselt (INC-{incident}); es wird damit weiter gesiegelt.</translation>
    </message>
    <message>
        <source>SealDesk now seals with {display_name}. Seal the remaining documents again to continue.</source>
        <translation>SealDesk versiegelt jetzt mit {display_name}. Versiegeln Sie die übrigen Dokumente erneut, um fortzufahren.</translation>
    </message>
</context>
<context>
    <name>SealProgress</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Sealing documents</source>
        <translation>Dokumente werden versiegelt</translation>
    </message>
    <message>
        <source>Sealing progress</source>
        <translation>Fortschritt der Versiegelung</translation>
    </message>
</context>
<context>
    <name>SealSection</name>
    <message>
        <source>B-B: signature only, no timestamp</source>
        <translation>B-B: nur Signatur, kein Zeitstempel</translation>
    </message>
    <message>
        <source>B-T: with an RFC 3161 timestamp (recommended)</source>
        <translation>B-T: mit RFC-3161-Zeitstempel (empfohlen)</translation>
    </message>
    <message>
        <source>B-LT: plus validation data (certificates, OCSP/CRL)</source>
        <translation>B-LT: zusätzlich Validierungsdaten (Zertifikate, OCSP/CRL)</translation>
    </message>
    <message>
        <source>B-LTA: plus a document timestamp for long-term archiving</source>
        <translation>B-LTA: zusätzlich Dokument-Zeitstempel für Langzeitarchivierung</translation>
    </message>
    <message>
        <source>Seal defaults</source>
        <translation>Siegel-Vorgaben</translation>
    </message>
    <message>
        <source>PAdES level</source>
        <translation>PAdES-Stufe</translation>
    </message>
    <message>
        <source>PAdES level:</source>
        <translation>PAdES-Stufe:</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Sealed by SealDesk</source>
        <translation>Versiegelt von SealDesk</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>optional, e.g. Vienna</source>
        <translation>optional, z. B. Wien</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>Ort:</translation>
    </message>
    <message>
        <source>Show a visible stamp on the page</source>
        <translation>Sichtbaren Stempel auf der Seite zeigen</translation>
    </message>
    <message>
        <source>Visible stamp</source>
        <translation>Sichtbarer Stempel</translation>
    </message>
    <message>
        <source>Stamp:</source>
        <translation>Stempel:</translation>
    </message>
    <message>
        <source>Stamp page</source>
        <translation>Stempelseite</translation>
    </message>
    <message>
        <source>1 = first page, -1 = last page</source>
        <translation>1 = erste Seite, -1 = letzte Seite</translation>
    </message>
    <message>
        <source>Stamp page:</source>
        <translation>Stempelseite:</translation>
    </message>
    <message>
        <source>1 is the first page; -1 the last.</source>
        <translation>1 ist die erste Seite; -1 die letzte.</translation>
    </message>
    <message>
        <source>Stamp box</source>
        <translation>Stempelfeld</translation>
    </message>
    <message>
        <source>Stamp box:</source>
        <translation>Stempelfeld:</translation>
    </message>
    <message>
        <source>Lower-left and upper-right corners in PDF points (72 per inch).</source>
        <translation>Untere linke und obere rechte Ecke in PDF-Punkten (72 pro Zoll).</translation>
    </message>
</context>
<context>
    <name>SealedDocumentsPage</name>
    <message>
        <source>Reading…</source>
        <translation>Wird gelesen…</translation>
    </message>
    <message>
        <source>Show proof…</source>
        <translation>Nachweis anzeigen…</translation>
    </message>
    <message>
        <source>Prove the seal&apos;s audit entry against the latest checkpoint</source>
        <translation>Den Protokolleintrag des Siegels gegen den neuesten Prüfpunkt nachweisen</translation>
    </message>
    <message>
        <source>Validation report…</source>
        <translation>Prüfbericht…</translation>
    </message>
    <message>
        <source>Validate the stored sealed file now (nothing is recorded)</source>
        <translation>Die gespeicherte versiegelte Datei jetzt prüfen (nichts wird protokolliert)</translation>
    </message>
    <message>
        <source>&amp;Look up a file…</source>
        <translation>Datei &amp;nachschlagen…</translation>
    </message>
    <message>
        <source>Was this PDF sealed here? (the original or a sealed copy; nothing is recorded)</source>
        <translation>Wurde dieses PDF hier versiegelt? (das Original oder eine versiegelte Kopie; nichts wird protokolliert)</translation>
    </message>
    <message>
        <source>Look-up result</source>
        <translation>Ergebnis der Suche</translation>
    </message>
    <message>
        <source>Sealed documents</source>
        <translation>Versiegelte Dokumente</translation>
    </message>
    <message>
        <source>Audit trail of the selected document</source>
        <translation>Prüfpfad des ausgewählten Dokuments</translation>
    </message>
    <message>
        <source>Select a sealed document to see the stored sealed file here.</source>
        <translation>Wählen Sie ein versiegeltes Dokument, um hier die gespeicherte versiegelte Datei zu sehen.</translation>
    </message>
    <message>
        <source>{count} seal(s)</source>
        <translation>{count} Siegel</translation>
    </message>
    <message>
        <source>Reading the audit trail…</source>
        <translation>Prüfpfad wird gelesen…</translation>
    </message>
    <message>
        <source>{0} — sealed {1} UTC by {2} ({3}), stored sealed file</source>
        <translation>{0} — versiegelt {1} UTC von {2} ({3}), gespeicherte versiegelte Datei</translation>
    </message>
    <message>
        <source>Original SHA-256: {original_sha256} ({original_size} bytes)</source>
        <translation>SHA-256 des Originals: {original_sha256} ({original_size} Bytes)</translation>
    </message>
    <message>
        <source>Sealed SHA-256:   {sealed_sha256}</source>
        <translation>SHA-256 versiegelt: {sealed_sha256}</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <source>Audit trail:</source>
        <translation>Prüfpfad:</translation>
    </message>
    <message>
        <source>Look up a file</source>
        <translation>Datei nachschlagen</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf);;All files (*)</source>
        <translation>PDF-Dokumente (*.pdf);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Looking up {name}…</source>
        <translation>{name} wird nachgeschlagen…</translation>
    </message>
    <message>
        <source>{name} was not sealed in this database: neither an original nor a sealed copy has its SHA-256.</source>
        <translation>{name} wurde in dieser Datenbank nicht versiegelt: weder ein Original noch eine versiegelte Kopie hat diesen SHA-256.</translation>
    </message>
    <message>
        <source>the sealed copy of</source>
        <translation>die versiegelte Kopie von</translation>
    </message>
    <message>
        <source>the original of</source>
        <translation>das Original von</translation>
    </message>
    <message>
        <source>{name} is {role} {name2}, sealed {sealed_at:%Y-%m-%d %H:%M} UTC (audit entry {audit_index}).</source>
        <translation>{name} ist {role} {name2}, versiegelt am {sealed_at:%Y-%m-%d %H:%M} UTC (Protokolleintrag {audit_index}).</translation>
    </message>
    <message>
        <source>Validation report</source>
        <translation>Prüfbericht</translation>
    </message>
    <message>
        <source>This copy&apos;s documents are encrypted: open them with your token (Keys &gt; Unlock document archive…, {keys}) — hashes and verdicts are shown without it.</source>
        <translation>Die Dokumente dieser Kopie sind verschlüsselt: Öffnen Sie sie mit Ihrem Token (Schlüssel &gt; Dokumentenarchiv entsperren…, {keys}) — Hashwerte und Prüfergebnisse werden auch ohne es angezeigt.</translation>
    </message>
</context>
<context>
    <name>SealingWatch</name>
    <message>
        <source>Sealing stopped</source>
        <translation>Versiegelung angehalten</translation>
    </message>
</context>
<context>
    <name>SelftestBar</name>
    <message>
        <source>Run self-test</source>
        <translation>Selbsttest ausführen</translation>
    </message>
    <message>
        <source>Run the self-test</source>
        <translation>Den Selbsttest ausführen</translation>
    </message>
    <message>
        <source>The self-test seals a canary document with the token.</source>
        <translation>Der Selbsttest versiegelt ein Testdokument mit dem Token.</translation>
    </message>
    <message>
        <source>Self-test cancelled: no PIN was entered.</source>
        <translation>Selbsttest abgebrochen: keine PIN eingegeben.</translation>
    </message>
    <message>
        <source>Self-test: {step}</source>
        <translation>Selbsttest: {step}</translation>
    </message>
    <message>
        <source>Self-test failed</source>
        <translation>Selbsttest fehlgeschlagen</translation>
    </message>
    <message>
        <source>Self-test passed: sealing is allowed again.</source>
        <translation>Selbsttest bestanden: Versiegeln ist wieder erlaubt.</translation>
    </message>
    <message>
        <source>Self-test FAILED: </source>
        <translation>Selbsttest FEHLGESCHLAGEN: </translation>
    </message>
    <message>
        <source>Self-test failed: </source>
        <translation>Selbsttest fehlgeschlagen: </translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings sections</source>
        <translation>Bereiche der Einstellungen</translation>
    </message>
    <message>
        <source>A setting on this tab needs attention</source>
        <translation>Eine Einstellung auf diesem Reiter braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <source>Nothing to save: no setting was changed.</source>
        <translation>Nichts zu speichern: keine Einstellung wurde geändert.</translation>
    </message>
    <message>
        <source>A save is running; wait for its result.</source>
        <translation>Ein Speichervorgang läuft; warten Sie auf sein Ergebnis.</translation>
    </message>
    <message>
        <source>Check, save and audit the changes (Ctrl+S)</source>
        <translation>Die Änderungen prüfen, speichern und protokollieren (Ctrl+S)</translation>
    </message>
    <message>
        <source>Auditor mode — read only. This window reads the database copy {url}; the settings shown are this console&apos;s own (its trust anchors and policy check the copy) and cannot be changed here.</source>
        <translation>Prüfermodus — nur lesen. Dieses Fenster liest die Datenbankkopie {url}; die gezeigten Einstellungen sind die dieser Konsole (ihre Vertrauensanker und Richtlinie prüfen die Kopie) und können hier nicht geändert werden.</translation>
    </message>
    <message>
        <source>Saved in {path}. Every saved change is recorded in the audit log; passwords go to the OS keyring only.</source>
        <translation>Gespeichert in {path}. Jede gespeicherte Änderung wird im Prüfprotokoll aufgezeichnet; Passwörter kommen nur in den Schlüsselbund des Betriebssystems.</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <source>Settings result</source>
        <translation>Ergebnis der Einstellungen</translation>
    </message>
    <message>
        <source>Choose token…</source>
        <translation>Token wählen…</translation>
    </message>
    <message>
        <source>Choose the token to seal with</source>
        <translation>Das Token zum Versiegeln wählen</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Revert unsaved changes</source>
        <translation>Ungespeicherte Änderungen verwerfen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Einstellungen speichern</translation>
    </message>
    <message>
        <source>Discard your unsaved changes</source>
        <translation>Ihre ungespeicherten Änderungen verwerfen</translation>
    </message>
    <message>
        <source>Nothing to revert: no setting was changed.</source>
        <translation>Nichts zu verwerfen: keine Einstellung wurde geändert.</translation>
    </message>
    <message>
        <source>Save or revert your changes first: choosing a token saves at once.</source>
        <translation>Speichern oder verwerfen Sie zuerst Ihre Änderungen: die Wahl eines Tokens speichert sofort.</translation>
    </message>
    <message>
        <source>Checking and saving…</source>
        <translation>Wird geprüft und gespeichert…</translation>
    </message>
    <message>
        <source>SealDesk now seals with {token}. Recorded in the audit log.</source>
        <translation>SealDesk versiegelt jetzt mit {token}. Im Prüfprotokoll aufgezeichnet.</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>Nichts geändert.</translation>
    </message>
    <message>
        <source>Saved {count} change(s): {keys}. Recorded in the audit log.</source>
        <translation>{count} Änderung(en) gespeichert: {keys}. Im Prüfprotokoll aufgezeichnet.</translation>
    </message>
    <message>
        <source>SealDesk now uses {backend} ({url}); the switch is recorded in both audit logs.</source>
        <translation>SealDesk verwendet jetzt {backend} ({url}); der Wechsel ist in beiden Prüfprotokollen aufgezeichnet.</translation>
    </message>
    <message>
        <source>Not saved. {reason}</source>
        <translation>Nicht gespeichert. {reason}</translation>
    </message>
    <message>
        <source>{count} settings need attention: {names}.</source>
        <translation>{count} Einstellungen brauchen Aufmerksamkeit: {names}.</translation>
    </message>
    <message>
        <source>the configuration</source>
        <translation>die Konfiguration</translation>
    </message>
    <message>
        <source>another setting</source>
        <translation>eine andere Einstellung</translation>
    </message>
    <message>
        <source>List the configured module&apos;s tokens and remember the one you choose (saved and audited at once)</source>
        <translation>Die Tokens des konfigurierten Moduls auflisten und das gewählte merken (sofort gespeichert und protokolliert)</translation>
    </message>
    <message>
        <source>Unsaved settings</source>
        <translation>Ungespeicherte Einstellungen</translation>
    </message>
    <message>
        <source>You changed settings that are not saved yet.</source>
        <translation>Sie haben Einstellungen geändert, die noch nicht gespeichert sind.</translation>
    </message>
    <message>
        <source>Save them now (they are checked and recorded in the audit log), discard them, or stay on the Settings page.</source>
        <translation>Speichern Sie sie jetzt (sie werden geprüft und im Prüfprotokoll aufgezeichnet), verwerfen Sie sie, oder bleiben Sie auf der Seite „Einstellungen“.</translation>
    </message>
</context>
<context>
    <name>SignaturePanel</name>
    <message>
        <source>&lt;b&gt;Signature&lt;/b&gt;</source>
        <translation>&lt;b&gt;Signatur&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Signature details</source>
        <translation>Signaturdetails</translation>
    </message>
    <message>
        <source>Checking the seal of {name}…</source>
        <translation>Siegel von {name} wird geprüft…</translation>
    </message>
    <message>
        <source>The seal could not be checked: {reason}</source>
        <translation>Das Siegel konnte nicht geprüft werden: {reason}</translation>
    </message>
</context>
<context>
    <name>SigningPolicyDialog</name>
    <message>
        <source>Propose a signing policy</source>
        <translation>Signaturrichtlinie beantragen</translation>
    </message>
    <message>
        <source>Change the signing policy in force (version {version}): every seal must use these trust anchors, this timestamp authority, this PAdES level and one of these key algorithms. The custodians approve the proposal, then it is executed.</source>
        <translation>Die geltende Signaturrichtlinie ändern (Version {version}): jedes Siegel muss diese Vertrauensanker, diesen Zeitstempeldienst, diese PAdES-Stufe und einen dieser Schlüsselalgorithmen verwenden. Die Verwahrer geben den Antrag frei, dann wird er ausgeführt.</translation>
    </message>
    <message>
        <source>No signing policy is adopted yet: sealing follows the configuration as it is. The values below are what the configuration uses now; the custodians approve the proposal, then it is executed.</source>
        <translation>Noch ist keine Signaturrichtlinie eingeführt: das Versiegeln folgt der Konfiguration, wie sie ist. Die Werte unten verwendet die Konfiguration jetzt; die Verwahrer geben den Antrag frei, dann wird er ausgeführt.</translation>
    </message>
    <message>
        <source>Propose</source>
        <translation>Beantragen</translation>
    </message>
    <message>
        <source>empty: the demo timestamp authority</source>
        <translation>leer: der Demo-Zeitstempeldienst</translation>
    </message>
    <message>
        <source>&amp;Timestamp authority:</source>
        <translation>&amp;Zeitstempeldienst:</translation>
    </message>
    <message>
        <source>The RFC 3161 service every seal must be timestamped by</source>
        <translation>Der RFC-3161-Dienst, der jedes Siegel mit einem Zeitstempel versehen muss</translation>
    </message>
    <message>
        <source>PAdES &amp;level:</source>
        <translation>PAdES-&amp;Stufe:</translation>
    </message>
    <message>
        <source>The baseline level every seal must have</source>
        <translation>Die Basisstufe, die jedes Siegel haben muss</translation>
    </message>
    <message>
        <source>Seal key &amp;algorithms:</source>
        <translation>&amp;Algorithmen des Siegelschlüssels:</translation>
    </message>
    <message>
        <source>The seal key must use one of these; a rotation to another algorithm is refused</source>
        <translation>Der Siegelschlüssel muss einen davon verwenden; ein Schlüsselwechsel zu einem anderen Algorithmus wird abgelehnt</translation>
    </message>
    <message>
        <source>Trust anchors (SHA-256)</source>
        <translation>Vertrauensanker (SHA-256)</translation>
    </message>
    <message>
        <source>Add certificate &amp;file…</source>
        <translation>Zertifikats&amp;datei hinzufügen…</translation>
    </message>
    <message>
        <source>Add S&amp;HA-256…</source>
        <translation>S&amp;HA-256 hinzufügen…</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>Ent&amp;fernen</translation>
    </message>
    <message>
        <source>Trust a&amp;nchors:</source>
        <translation>&amp;Vertrauensanker:</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> Stunden</translation>
    </message>
    <message>
        <source>Approvals &amp;open for:</source>
        <translation>Freigaben &amp;offen für:</translation>
    </message>
    <message>
        <source>How long the custodians may approve (at most 30 days)</source>
        <translation>Wie lange die Verwahrer freigeben dürfen (höchstens 30 Tage)</translation>
    </message>
    <message>
        <source>&amp;Sign the proposal with my custodian token (I then cannot approve it myself)</source>
        <translation>Antrag mit meinem Verwahrer-Token sig&amp;nieren (dann kann ich ihn nicht selbst freigeben)</translation>
    </message>
    <message>
        <source>{value} is not a SHA-256 (64 hexadecimal characters).</source>
        <translation>{value} ist kein SHA-256 (64 Hexadezimalzeichen).</translation>
    </message>
    <message>
        <source>An empty value</source>
        <translation>Ein leerer Wert</translation>
    </message>
    <message>
        <source>Trust anchor certificate</source>
        <translation>Zertifikat des Vertrauensankers</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der)</source>
        <translation>Zertifikate (*.pem *.crt *.cer *.der)</translation>
    </message>
    <message>
        <source>Trust anchor</source>
        <translation>Vertrauensanker</translation>
    </message>
    <message>
        <source>SHA-256 of the anchor certificate:</source>
        <translation>SHA-256 des Ankerzertifikats:</translation>
    </message>
    <message>
        <source>Your custodian token</source>
        <translation>Ihr Verwahrer-Token</translation>
    </message>
    <message>
        <source>Allow at least one seal key algorithm.</source>
        <translation>Erlauben Sie mindestens einen Algorithmus für den Siegelschlüssel.</translation>
    </message>
    <message>
        <source>Recording this proposal</source>
        <translation>Antrag wird aufgezeichnet</translation>
    </message>
</context>
<context>
    <name>SlotsTableModel</name>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Seriennummer</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>Steckplatz</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Verwendung</translation>
    </message>
    <message>
        <source>seal and audit keys (configured)</source>
        <translation>Siegel- und Protokollschlüssel (konfiguriert)</translation>
    </message>
</context>
<context>
    <name>SnapshotsModel</name>
    <message>
        <source>Taken (UTC)</source>
        <translation>Erstellt (UTC)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Log entries</source>
        <translation>Protokolleinträge</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>Geprüft</translation>
    </message>
</context>
<context>
    <name>SnapshotsPage</name>
    <message>
        <source>&lt;h2&gt;Snapshots and reconciliation&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Snapshots und Abgleich&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Snapshots</translation>
    </message>
    <message>
        <source>&amp;Take snapshot…</source>
        <translation>Snapshot &amp;erstellen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>Snapshot the database, the document store and the audit log now (asks for the token PIN to sign the manifest)</source>
        <translation>Datenbank, Dokumentenablage und Prüfprotokoll jetzt sichern (fragt nach der Token-PIN, um das Manifest zu signieren)</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+V</source>
        <translation>Ctrl+Shift+V</translation>
    </message>
    <message>
        <source>Re-hash every file of the selected snapshot and check its signature, timestamp and log</source>
        <translation>Jede Datei des ausgewählten Snapshots neu hashen und seine Signatur, seinen Zeitstempel und sein Protokoll prüfen</translation>
    </message>
    <message>
        <source>&amp;Restore to folder…</source>
        <translation>In Ordner &amp;wiederherstellen…</translation>
    </message>
    <message>
        <source>Restore the selected snapshot into a new, empty folder; the live installation is never touched</source>
        <translation>Den ausgewählten Snapshot in einen neuen, leeren Ordner wiederherstellen; die laufende Installation wird nie berührt</translation>
    </message>
    <message>
        <source>Re&amp;concile now</source>
        <translation>&amp;Jetzt abgleichen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Cross-check the store, the seal records, the audit log and the checkpoints; write a signed report</source>
        <translation>Ablage, Siegeldatensätze, Prüfprotokoll und Prüfpunkte abgleichen; einen signierten Bericht schreiben</translation>
    </message>
    <message>
        <source>Counter-si&amp;gn report…</source>
        <translation>Bericht &amp;gegenzeichnen…</translation>
    </message>
    <message>
        <source>Have a custodian (the incident lead) counter-sign the last reconciliation report with their own token</source>
        <translation>Den letzten Abgleichsbericht von einem Verwahrer (der Vorfallsleitung) mit dessen eigenem Token gegenzeichnen lassen</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>Read the snapshot folder again</source>
        <translation>Den Snapshot-Ordner neu einlesen</translation>
    </message>
    <message>
        <source>Result of the last operation</source>
        <translation>Ergebnis des letzten Vorgangs</translation>
    </message>
    <message>
        <source>The result of a verification, a restore or a reconciliation appears here.</source>
        <translation>Das Ergebnis einer Prüfung, Wiederherstellung oder eines Abgleichs erscheint hier.</translation>
    </message>
    <message>
        <source>{count} snapshot{plural}</source>
        <translation>{count} Snapshot{plural}</translation>
    </message>
    <message>
        <source>Snapshot folder: {folder} — {count}. Keep it apart from the data folder, ideally on other media.</source>
        <translation>Snapshot-Ordner: {folder} — {count}. Halten Sie ihn getrennt vom Datenordner, am besten auf anderen Medien.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Counter-signed&lt;/b&gt; by custodian {name}: {path} (audit entry {entry}).&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Gegengezeichnet&lt;/b&gt; von Verwahrer {name}: {path} (Protokolleintrag {entry}).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Report counter-signed by {name}.</source>
        <translation>Bericht von {name} gegengezeichnet.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Snapshot taken:&lt;/b&gt; {snapshot}&lt;br&gt;{files} file(s) of documents ({copied} copied, {shared} shared with an earlier snapshot), log of {entries} entries.</source>
        <translation>&lt;b&gt;Snapshot erstellt:&lt;/b&gt; {snapshot}&lt;br&gt;{files} Dokumentdatei(en) ({copied} kopiert, {shared} mit einem früheren Snapshot geteilt), Protokoll mit {entries} Einträgen.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#1b7f3b&apos;&gt;VERIFIED&lt;/b&gt; {snapshot}: {files_checked} file(s) intact; its log of {tree_size} entries is a prefix of the live log ({live_size}); timestamped {timestamp}.</source>
        <translation>&lt;b style=&apos;color:#1b7f3b&apos;&gt;GEPRÜFT&lt;/b&gt; {snapshot}: {files_checked} Datei(en) unversehrt; sein Protokoll mit {tree_size} Einträgen ist ein Anfang des laufenden Protokolls ({live_size}); Zeitstempel {timestamp}.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b3261e&apos;&gt;FAILED&lt;/b&gt; {snapshot}: {count} problem(s)&lt;ul&gt;{items}&lt;/ul&gt;Do not restore from this snapshot; verify an older one.</source>
        <translation>&lt;b style=&apos;color:#b3261e&apos;&gt;FEHLGESCHLAGEN&lt;/b&gt; {snapshot}: {count} Problem(e)&lt;ul&gt;{items}&lt;/ul&gt;Nicht aus diesem Snapshot wiederherstellen; einen älteren prüfen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Restored&lt;/b&gt; {snapshot} into {folder}.&lt;br&gt;{count} seal(s) made after the snapshot were carried over from the live installation.</source>
        <translation>&lt;b&gt;Wiederhergestellt:&lt;/b&gt; {snapshot} nach {folder}.&lt;br&gt;{count} Siegel, die nach dem Snapshot erstellt wurden, wurden aus der laufenden Installation übernommen.</translation>
    </message>
    <message>
        <source>&lt;br&gt;Its database is the new PostgreSQL database {url}.</source>
        <translation>&lt;br&gt;Ihre Datenbank ist die neue PostgreSQL-Datenbank {url}.</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;{what}&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;{number:,}&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;{what}&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;{number:,}&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;&lt;b&gt;{kind}&lt;/b&gt; {subject}: {detail}. &lt;i&gt;{action}&lt;/i&gt;&lt;/li&gt;</source>
        <translation>&lt;li&gt;&lt;b&gt;{kind}&lt;/b&gt; {subject}: {detail}. &lt;i&gt;{action}&lt;/i&gt;&lt;/li&gt;</translation>
    </message>
    <message>
        <source>Exported copies that changed or cannot be reached from here:</source>
        <translation>Exportierte Kopien, die sich geändert haben oder von hier nicht erreichbar sind:</translation>
    </message>
    <message>
        <source>Signed report: {report}</source>
        <translation>Signierter Bericht: {report}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Failed:&lt;/b&gt; {reason}</source>
        <translation>&lt;b&gt;Fehlgeschlagen:&lt;/b&gt; {reason}</translation>
    </message>
    <message>
        <source>Take snapshot</source>
        <translation>Snapshot erstellen</translation>
    </message>
    <message>
        <source>Why is this snapshot taken? (recorded in the audit log, e.g. &apos;before update to 0.2&apos; or &apos;incident 12: before restore&apos;)</source>
        <translation>Warum wird dieser Snapshot erstellt? (im Prüfprotokoll festgehalten, z. B. &apos;vor dem Update auf 0.2&apos; oder &apos;Vorfall 12: vor der Wiederherstellung&apos;)</translation>
    </message>
    <message>
        <source>The snapshot&apos;s manifest is signed with the audit key.</source>
        <translation>Das Manifest des Snapshots wird mit dem Protokollschlüssel signiert.</translation>
    </message>
    <message>
        <source>Taking a snapshot</source>
        <translation>Snapshot wird erstellt</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>wird geprüft…</translation>
    </message>
    <message>
        <source>Verifying {name}</source>
        <translation>{name} wird geprüft</translation>
    </message>
    <message>
        <source>Restoring {name}</source>
        <translation>{name} wird wiederhergestellt</translation>
    </message>
    <message>
        <source>The reconciliation report is signed with the audit key.</source>
        <translation>Der Abgleichsbericht wird mit dem Protokollschlüssel signiert.</translation>
    </message>
    <message>
        <source>Reconciling</source>
        <translation>Abgleich läuft</translation>
    </message>
    <message>
        <source>VERIFIED</source>
        <translation>GEPRÜFT</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FAILED</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;Not carried over&lt;/b&gt; (listed, nothing dropped silently):&lt;ul&gt;{left}&lt;/ul&gt;</source>
        <translation>&lt;br&gt;&lt;b&gt;Nicht übernommen&lt;/b&gt; (aufgelistet, nichts wird stillschweigend verworfen):&lt;ul&gt;{left}&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;Nothing was left behind.</source>
        <translation>&lt;br&gt;Nichts wurde zurückgelassen.</translation>
    </message>
    <message>
        <source>&lt;br&gt;Point SEALDESK_HOME at that folder to use it; the live folder is unchanged.</source>
        <translation>&lt;br&gt;Setzen Sie SEALDESK_HOME auf diesen Ordner, um ihn zu verwenden; der laufende Ordner bleibt unverändert.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#1b7f3b&apos;&gt;Everything reconciles.&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#1b7f3b&apos;&gt;Alles stimmt überein.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b3261e&apos;&gt;{count} finding(s)&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#b3261e&apos;&gt;{count} Befund(e)&lt;/b&gt;</translation>
    </message>
    <message>
        <source> — select a snapshot first</source>
        <translation> — zuerst einen Snapshot auswählen</translation>
    </message>
    <message>
        <source>Cancelled: no PIN was entered.</source>
        <translation>Abgebrochen: keine PIN eingegeben.</translation>
    </message>
    <message>
        <source>{name}: done.</source>
        <translation>{name}: erledigt.</translation>
    </message>
</context>
<context>
    <name>StandbySwitchDialog</name>
    <message>
        <source>Primary seal token unavailable</source>
        <translation>Primäres Siegel-Token nicht verfügbar</translation>
    </message>
    <message>
        <source>The primary seal token does not answer.</source>
        <translation>Das primäre Siegel-Token antwortet nicht.</translation>
    </message>
    <message>
        <source>The primary seal token is not connected.</source>
        <translation>Das primäre Siegel-Token ist nicht angeschlossen.</translation>
    </message>
    <message>
        <source>A standby seal token is registered by the custodians (proposal {proposal}): token {token}, serial {serial}, key {key}.

You may seal with it instead. SealDesk never switches by itself. The switch is recorded in the audit log and linked to an incident; switching back later is recorded the same way.</source>
        <translation>Die Verwahrer haben ein Ersatz-Token für Siegel registriert (Antrag {proposal}): Token {token}, Seriennummer {serial}, Schlüssel {key}.

Sie können stattdessen damit versiegeln. SealDesk wechselt nie von selbst. Der Wechsel wird im Prüfprotokoll aufgezeichnet und mit einem Vorfall verknüpft; ein späterer Wechsel zurück wird ebenso aufgezeichnet.</translation>
    </message>
    <message>
        <source>Primary seal token does not answer</source>
        <translation>Primäres Siegel-Token antwortet nicht</translation>
    </message>
    <message>
        <source>Primary seal token not connected</source>
        <translation>Primäres Siegel-Token nicht angeschlossen</translation>
    </message>
    <message>
        <source>Reason for the switch</source>
        <translation>Grund für den Wechsel</translation>
    </message>
    <message>
        <source>INC-N, or empty to use the open availability incident (or open one)</source>
        <translation>INC-N, oder leer für den offenen Verfügbarkeitsvorfall (oder einen neuen)</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Vorfall</translation>
    </message>
    <message>
        <source>PIN of token {token}: its key signs the switch</source>
        <translation>PIN von Token {token}: sein Schlüssel signiert den Wechsel</translation>
    </message>
    <message>
        <source>Standby token PIN</source>
        <translation>PIN des Ersatz-Tokens</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>Incident:</source>
        <translation>Vorfall:</translation>
    </message>
    <message>
        <source>Standby PIN:</source>
        <translation>Ersatz-PIN:</translation>
    </message>
    <message>
        <source>Switch to standby</source>
        <translation>Zum Ersatz-Token wechseln</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Nicht jetzt</translation>
    </message>
    <message>
        <source>Say why the seal token is switched.</source>
        <translation>Geben Sie an, warum das Siegel-Token gewechselt wird.</translation>
    </message>
</context>
<context>
    <name>StartupWindow</name>
    <message>
        <source>Starting SealDesk</source>
        <translation>SealDesk wird gestartet</translation>
    </message>
    <message>
        <source>SealDesk</source>
        <translation>SealDesk</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>Start-up step</source>
        <translation>Startschritt</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Start</translation>
    </message>
</context>
<context>
    <name>StorageSection</name>
    <message>
        <source>Database and revalidation</source>
        <translation>Datenbank und Revalidierung</translation>
    </message>
    <message>
        <source>Database URL</source>
        <translation>Datenbank-URL</translation>
    </message>
    <message>
        <source>SQLite in the data folder (default)</source>
        <translation>SQLite im Datenordner (Vorgabe)</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Test the database connection</source>
        <translation>Die Datenbankverbindung testen</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <source>Empty for the local SQLite file; postgresql://user@host/db for a database shared by several consoles (password in ~/.pgpass).</source>
        <translation>Leer für die lokale SQLite-Datei; postgresql://user@host/db für eine von mehreren Konsolen geteilte Datenbank (Passwort in ~/.pgpass).</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Ergebnis des Verbindungstests</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Off (on demand only)</source>
        <translation>Aus (nur auf Anforderung)</translation>
    </message>
    <message>
        <source>Revalidation interval</source>
        <translation>Revalidierungsintervall</translation>
    </message>
    <message>
        <source>Revalidate every:</source>
        <translation>Revalidieren alle:</translation>
    </message>
    <message>
        <source>Re-prove every stored seal on this schedule (0 = only when asked).</source>
        <translation>Jedes gespeicherte Siegel nach diesem Plan neu nachweisen (0 = nur auf Anforderung).</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
</context>
<context>
    <name>TokenPickerDialog</name>
    <message>
        <source>Choose the token</source>
        <translation>Token wählen</translation>
    </message>
    <message>
        <source>Tokens found</source>
        <translation>Gefundene Tokens</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Use this token</source>
        <translation>Dieses Token verwenden</translation>
    </message>
    <message>
        <source>Use the selected token</source>
        <translation>Das ausgewählte Token verwenden</translation>
    </message>
    <message>
        <source>Looking for tokens…</source>
        <translation>Tokens werden gesucht…</translation>
    </message>
    <message>
        <source>Listing tokens</source>
        <translation>Tokens werden aufgelistet</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>(ohne Bezeichnung)</translation>
    </message>
    <message>
        <source>The configured token</source>
        <translation>Das konfigurierte Token</translation>
    </message>
    <message>
        <source>{count} token{plural} found.</source>
        <translation>{count} Token{plural} gefunden.</translation>
    </message>
    <message>
        <source>No token is connected. Connect one and press Refresh.</source>
        <translation>Kein Token angeschlossen. Schließen Sie eines an und drücken Sie Aktualisieren.</translation>
    </message>
    <message>
        <source>Saving the choice of {display_name}…</source>
        <translation>Auswahl von {display_name} wird gespeichert…</translation>
    </message>
    <message>
        <source>Saving the token choice</source>
        <translation>Token-Auswahl wird gespeichert</translation>
    </message>
</context>
<context>
    <name>TokenRemovedDialog</name>
    <message>
        <source>Token removed — sealing paused</source>
        <translation>Token entfernt — Versiegelung pausiert</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>(ohne Bezeichnung)</translation>
    </message>
    <message>
        <source>Token: {who} · serial {serial}</source>
        <translation>Token: {who} · Seriennummer {serial}</translation>
    </message>
    <message>
        <source>What the token module reported</source>
        <translation>Was das Token-Modul gemeldet hat</translation>
    </message>
    <message>
        <source>Token state</source>
        <translation>Token-Zustand</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Continue the batch</source>
        <translation>Den Stapel fortsetzen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop the batch</source>
        <translation>Den Stapel anhalten</translation>
    </message>
    <message>
        <source>Finished documents are kept; the rest stay unsealed.</source>
        <translation>Fertige Dokumente werden behalten; die übrigen bleiben unversiegelt.</translation>
    </message>
    <message>
        <source>The token is connected again. Press Continue.</source>
        <translation>Das Token ist wieder angeschlossen. Drücken Sie Fortsetzen.</translation>
    </message>
</context>
<context>
    <name>TokenSection</name>
    <message>
        <source>PKCS#11 modules (*.so *.so.* *.dylib *.dll);;All files (*)</source>
        <translation>PKCS#11-Module (*.so *.so.* *.dylib *.dll);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Token (PKCS#11)</source>
        <translation>Token (PKCS#11)</translation>
    </message>
    <message>
        <source>PKCS#11 module path</source>
        <translation>Pfad des PKCS#11-Moduls</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Browse for the PKCS#11 module</source>
        <translation>Das PKCS#11-Modul suchen</translation>
    </message>
    <message>
        <source>Detect tokens</source>
        <translation>Tokens erkennen</translation>
    </message>
    <message>
        <source>List the tokens this module offers (no PIN needed)</source>
        <translation>Die Tokens dieses Moduls auflisten (keine PIN nötig)</translation>
    </message>
    <message>
        <source>Module:</source>
        <translation>Modul:</translation>
    </message>
    <message>
        <source>The token vendor&apos;s PKCS#11 library (see the README for common paths).</source>
        <translation>Die PKCS#11-Bibliothek des Token-Herstellers (gängige Pfade im README).</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <source>Token detection</source>
        <translation>Token-Erkennung</translation>
    </message>
    <message>
        <source>Seal key label</source>
        <translation>Bezeichnung des Siegelschlüssels</translation>
    </message>
    <message>
        <source>Audit key label</source>
        <translation>Bezeichnung des Protokollschlüssels</translation>
    </message>
    <message>
        <source>Seal key:</source>
        <translation>Siegelschlüssel:</translation>
    </message>
    <message>
        <source>Label of the seal key pair and its certificate on the token.</source>
        <translation>Bezeichnung des Siegel-Schlüsselpaars und seines Zertifikats auf dem Token.</translation>
    </message>
    <message>
        <source>Audit key:</source>
        <translation>Protokollschlüssel:</translation>
    </message>
    <message>
        <source>Signs the audit log&apos;s checkpoints.</source>
        <translation>Signiert die Prüfpunkte des Prüfprotokolls.</translation>
    </message>
    <message>
        <source>{label} — serial {serial} (configured)</source>
        <translation>{label} — Seriennummer {serial} (konfiguriert)</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>(ohne Bezeichnung)</translation>
    </message>
    <message>
        <source>No token chosen: use “Detect tokens”</source>
        <translation>Kein Token gewählt: „Tokens erkennen“ verwenden</translation>
    </message>
    <message>
        <source>Choose the PKCS#11 module</source>
        <translation>Das PKCS#11-Modul wählen</translation>
    </message>
    <message>
        <source>Looking for tokens…</source>
        <translation>Tokens werden gesucht…</translation>
    </message>
    <message>
        <source>The module answered, but no initialised token is connected. Connect the token and detect again.</source>
        <translation>Das Modul hat geantwortet, aber kein initialisiertes Token ist angeschlossen. Schließen Sie das Token an und erkennen Sie erneut.</translation>
    </message>
    <message>
        <source>1 token found. Choose the one to seal with.</source>
        <translation>1 Token gefunden. Wählen Sie das zum Versiegeln.</translation>
    </message>
    <message>
        <source>{count} tokens found. Choose the one to seal with.</source>
        <translation>{count} Tokens gefunden. Wählen Sie das zum Versiegeln.</translation>
    </message>
</context>
<context>
    <name>TokenStatusWidget</name>
    <message>
        <source>Token status</source>
        <translation>Token-Status</translation>
    </message>
    <message>
        <source>Token: checking…</source>
        <translation>Token: wird geprüft…</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <source>Demo mode: a software token (SoftHSM2) and a demo PKI. Seals made here are for trying SealDesk out only.</source>
        <translation>Demo-Modus: ein Software-Token (SoftHSM2) und eine Demo-PKI. Hier erstellte Siegel dienen nur zum Ausprobieren von SealDesk.</translation>
    </message>
    <message>
        <source>Token: {label} · serial {serial}</source>
        <translation>Token: {label} · Seriennummer {serial}</translation>
    </message>
    <message>
        <source>Token: none configured (verification only)</source>
        <translation>Token: keines konfiguriert (nur Prüfung)</translation>
    </message>
</context>
<context>
    <name>TokenUnlockDialog</name>
    <message>
        <source>Open documents with your token</source>
        <translation>Dokumente mit Ihrem Token öffnen</translation>
    </message>
    <message>
        <source>This copy&apos;s documents are encrypted. If the archive names your certificate as a recipient, the private key on your own token opens them; nothing is written to the copy or the token.</source>
        <translation>Die Dokumente dieser Kopie sind verschlüsselt. Wenn das Archiv Ihr Zertifikat als Empfänger nennt, öffnet der private Schlüssel auf Ihrem eigenen Token sie; weder in die Kopie noch auf das Token wird etwas geschrieben.</translation>
    </message>
    <message>
        <source>Your token</source>
        <translation>Ihr Token</translation>
    </message>
    <message>
        <source>PKCS#11 module of your token</source>
        <translation>PKCS#11-Modul Ihres Tokens</translation>
    </message>
    <message>
        <source>label of your recipient key</source>
        <translation>Bezeichnung Ihres Empfängerschlüssels</translation>
    </message>
    <message>
        <source>Label of your recipient key</source>
        <translation>Bezeichnung Ihres Empfängerschlüssels</translation>
    </message>
    <message>
        <source>Recipient &amp;key label:</source>
        <translation>Bezeichnung des Empfänger&amp;schlüssels:</translation>
    </message>
    <message>
        <source>What is still needed</source>
        <translation>Was noch fehlt</translation>
    </message>
    <message>
        <source>&amp;Continue…</source>
        <translation>&amp;Weiter…</translation>
    </message>
    <message>
        <source>Looking for your token…</source>
        <translation>Ihr Token wird gesucht…</translation>
    </message>
    <message>
        <source>Type the path of your token&apos;s PKCS#11 module.</source>
        <translation>Geben Sie den Pfad des PKCS#11-Moduls Ihres Tokens ein.</translation>
    </message>
    <message>
        <source>Connect your token and press Refresh.</source>
        <translation>Schließen Sie Ihr Token an und drücken Sie Aktualisieren.</translation>
    </message>
    <message>
        <source>Type the label of your recipient key on the token.</source>
        <translation>Geben Sie die Bezeichnung Ihres Empfängerschlüssels auf dem Token ein.</translation>
    </message>
</context>
<context>
    <name>TrustSection</name>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>Zertifikate (*.pem *.crt *.cer *.der);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Hard fail: no OCSP/CRL answer means INDETERMINATE (production)</source>
        <translation>Strikt: keine OCSP/CRL-Antwort bedeutet INDETERMINATE (Produktion)</translation>
    </message>
    <message>
        <source>Soft fail: a missing answer is tolerated, with a warning</source>
        <translation>Tolerant: eine fehlende Antwort wird mit Warnung hingenommen</translation>
    </message>
    <message>
        <source>Offline: only the validation data embedded in the PDF</source>
        <translation>Offline: nur die im PDF eingebetteten Validierungsdaten</translation>
    </message>
    <message>
        <source>Trust anchors</source>
        <translation>Vertrauensanker</translation>
    </message>
    <message>
        <source>Trust anchor files</source>
        <translation>Dateien der Vertrauensanker</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Add a trust anchor</source>
        <translation>Einen Vertrauensanker hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected trust anchor</source>
        <translation>Den gewählten Vertrauensanker entfernen</translation>
    </message>
    <message>
        <source>Anchors:</source>
        <translation>Anker:</translation>
    </message>
    <message>
        <source>PEM or DER root certificates that seals must chain to.</source>
        <translation>PEM- oder DER-Wurzelzertifikate, zu denen Siegel eine Kette bilden müssen.</translation>
    </message>
    <message>
        <source>Revocation checking</source>
        <translation>Sperrprüfung</translation>
    </message>
    <message>
        <source>Revocation:</source>
        <translation>Sperrprüfung:</translation>
    </message>
</context>
<context>
    <name>TsaSection</name>
    <message>
        <source>Timestamp authority (RFC 3161)</source>
        <translation>Zeitstempeldienst (RFC 3161)</translation>
    </message>
    <message>
        <source>TSA URL</source>
        <translation>TSA-URL</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>Demo timestamp authority</source>
        <translation>Demo-Zeitstempeldienst</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>TSA username</source>
        <translation>TSA-Benutzername</translation>
    </message>
    <message>
        <source>Username:</source>
        <translation>Benutzername:</translation>
    </message>
    <message>
        <source>TSA password</source>
        <translation>TSA-Passwort</translation>
    </message>
    <message>
        <source>Forget stored password</source>
        <translation>Gespeichertes Passwort vergessen</translation>
    </message>
    <message>
        <source>Forget the stored TSA password</source>
        <translation>Das gespeicherte TSA-Passwort vergessen</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>TSA password state</source>
        <translation>Zustand des TSA-Passworts</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>TSA timeout</source>
        <translation>TSA-Zeitlimit</translation>
    </message>
    <message>
        <source>Timeout:</source>
        <translation>Zeitlimit:</translation>
    </message>
    <message>
        <source>The stored password will be removed when you save.</source>
        <translation>Das gespeicherte Passwort wird beim Speichern entfernt.</translation>
    </message>
    <message>
        <source>Checking the OS keyring…</source>
        <translation>Schlüsselbund des Betriebssystems wird geprüft…</translation>
    </message>
    <message>
        <source>A password is stored in the OS keyring; type a new one to replace it.</source>
        <translation>Ein Passwort ist im Schlüsselbund des Betriebssystems gespeichert; geben Sie ein neues ein, um es zu ersetzen.</translation>
    </message>
    <message>
        <source>No password stored. Type one if the TSA asks for it; it is kept in the OS keyring, never in the configuration.</source>
        <translation>Kein Passwort gespeichert. Geben Sie eines ein, wenn die TSA danach fragt; es wird im Schlüsselbund des Betriebssystems aufbewahrt, nie in der Konfiguration.</translation>
    </message>
    <message>
        <source>Enter a username first if the TSA needs an account.</source>
        <translation>Geben Sie zuerst einen Benutzernamen ein, wenn die TSA ein Konto braucht.</translation>
    </message>
    <message>
        <source>No OS keyring is available on this system, so no TSA password can be stored.</source>
        <translation>Auf diesem System ist kein Schlüsselbund verfügbar, daher kann kein TSA-Passwort gespeichert werden.</translation>
    </message>
    <message>
        <source>Empty: demo mode&apos;s offline timestamp authority is used.</source>
        <translation>Leer: der Offline-Zeitstempeldienst des Demo-Modus wird verwendet.</translation>
    </message>
</context>
<context>
    <name>VerdictView</name>
    <message>
        <source>No bundle checked yet. Check a bundle… opens one.</source>
        <translation>Noch kein Beweispaket geprüft. „Paket prüfen…“ öffnet eines.</translation>
    </message>
    <message>
        <source>Bundle verdict</source>
        <translation>Ergebnis der Paketprüfung</translation>
    </message>
    <message>
        <source>Checks and problems of the bundle</source>
        <translation>Prüfungen und Probleme des Beweispakets</translation>
    </message>
    <message>
        <source>Checking {0}…</source>
        <translation>{0} wird geprüft…</translation>
    </message>
    <message>
        <source>✘ {0} cannot be checked: {1}</source>
        <translation>✘ {0} kann nicht geprüft werden: {1}</translation>
    </message>
    <message>
        <source>✘ NOT VERIFIED: {0} problem(s) found. Do not rely on this bundle; the problems are listed below.</source>
        <translation>✘ NICHT VERIFIZIERT: {0} Problem(e) gefunden. Verlassen Sie sich nicht auf dieses Beweispaket; die Probleme sind unten aufgeführt.</translation>
    </message>
    <message>
        <source>✔ VERIFIED: the bundle is intact, signed by the audit certificate you trust, and every seal chains to your roots.</source>
        <translation>✔ VERIFIZIERT: das Beweispaket ist intakt, vom Protokollzertifikat signiert, dem Sie vertrauen, und jedes Siegel führt zu Ihren Wurzeln.</translation>
    </message>
    <message>
        <source>the audit certificate you trust</source>
        <translation>das Protokollzertifikat, dem Sie vertrauen</translation>
    </message>
    <message>
        <source>your seal roots</source>
        <translation>Ihre Siegel-Wurzeln</translation>
    </message>
    <message>
        <source>⚠ Intact, but NOT ANCHORED: checked only against certificates inside the bundle, which anyone can make. Missing: {0}.</source>
        <translation>⚠ Intakt, aber NICHT VERANKERT: nur gegen Zertifikate im Beweispaket geprüft, die jeder erstellen kann. Es fehlt: {0}.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>trusted (yours)</source>
        <translation>vertrauenswürdig (Ihre)</translation>
    </message>
    <message>
        <source>taken from the bundle: compare its fingerprint</source>
        <translation>aus dem Beweispaket: vergleichen Sie seinen Fingerabdruck</translation>
    </message>
    <message>
        <source>{6}: exported {0} UTC by {1}. Checkpoint of {2} entries; {3} audit entries proven. Audit certificate SHA-256 {4}, {5}.</source>
        <translation>{6}: exportiert {0} UTC von {1}. Prüfpunkt über {2} Einträge; {3} Protokolleinträge nachgewiesen. Protokollzertifikat SHA-256 {4}, {5}.</translation>
    </message>
    <message>
        <source>✔ all checks hold</source>
        <translation>✔ alle Prüfungen bestanden</translation>
    </message>
    <message>
        <source>✘ {0} problem(s)</source>
        <translation>✘ {0} Problem(e)</translation>
    </message>
    <message>
        <source>{0}: {1}; seal {2}, sealed {3} UTC by {4}</source>
        <translation>{0}: {1}; Siegel {2}, versiegelt {3} UTC von {4}</translation>
    </message>
    <message>
        <source>Problems with the bundle itself:</source>
        <translation>Probleme mit dem Beweispaket selbst:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Hinweise:</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>Keine Probleme gefunden.</translation>
    </message>
</context>
<context>
    <name>archive_lock</name>
    <message>
        <source>Stored documents are encrypted; the token&apos;s storage key opens them.</source>
        <translation>Gespeicherte Dokumente sind verschlüsselt; der Speicherschlüssel des Tokens öffnet sie.</translation>
    </message>
</context>
<context>
    <name>authority_refusal</name>
    <message>
        <source>Refused: the records disagree with the audit log</source>
        <translation>Abgelehnt: die Datensätze widersprechen dem Prüfprotokoll</translation>
    </message>
    <message>
        <source>Refused: the authority could not be read</source>
        <translation>Abgelehnt: die Befugnisse konnten nicht gelesen werden</translation>
    </message>
    <message>
        <source>Refused: the role assignments could not be read</source>
        <translation>Abgelehnt: die Rollenzuweisungen konnten nicht gelesen werden</translation>
    </message>
    <message>
        <source>Do not act on it. Keep the database as it is, run &apos;sealdesk audit verify&apos; and &apos;sealdesk audit verify-quorum&apos;, and tell your administrator.</source>
        <translation>Handeln Sie nicht danach. Lassen Sie die Datenbank unverändert, führen Sie &apos;sealdesk audit verify&apos; und &apos;sealdesk audit verify-quorum&apos; aus und informieren Sie Ihren Administrator.</translation>
    </message>
</context>
<context>
    <name>badge</name>
    <message>
        <source>Auditor mode — read only</source>
        <translation>Prüfermodus — nur lesen</translation>
    </message>
</context>
<context>
    <name>bundle_viewer</name>
    <message>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <source>Seal</source>
        <translation>Siegel</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>Sealed at (UTC)</source>
        <translation>Versiegelt am (UTC)</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Sealed SHA-256</source>
        <translation>SHA-256 (versiegelt)</translation>
    </message>
    <message>
        <source>Evidence bundles (*.zip);;All files (*)</source>
        <translation>Beweispakete (*.zip);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>Zertifikate (*.pem *.crt *.cer *.der);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>trusted (yours)</source>
        <translation>vertrauenswürdig (Ihre)</translation>
    </message>
    <message>
        <source>from the bundle — compare it</source>
        <translation>aus dem Beweispaket — vergleichen Sie es</translation>
    </message>
    <message>
        <source>your roots</source>
        <translation>Ihre Wurzeln</translation>
    </message>
    <message>
        <source>roots inside the bundle</source>
        <translation>Wurzeln im Beweispaket</translation>
    </message>
    <message>
        <source>Exported {created} UTC by {exported_by}.  Checkpoint: {checkpoint_tree_size} entries ({taken} UTC), {entries_checked} entries proven.  Seals checked offline against {roots}.
Audit certificate SHA-256 {audit_certificate_sha256} ({cert}).</source>
        <translation>Exportiert {created} UTC von {exported_by}.  Prüfpunkt: {checkpoint_tree_size} Einträge ({taken} UTC), {entries_checked} Einträge nachgewiesen.  Siegel offline geprüft gegen {roots}.
SHA-256 des Protokollzertifikats {audit_certificate_sha256} ({cert}).</translation>
    </message>
    <message>
        <source>Original SHA-256</source>
        <translation>SHA-256 des Originals</translation>
    </message>
    <message>
        <source>In the bundle:  {member}</source>
        <translation>Im Beweispaket:  {member}</translation>
    </message>
    <message>
        <source>Audit entries:  {entries}</source>
        <translation>Protokolleinträge:  {entries}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
</context>
<context>
    <name>controls</name>
    <message>
        <source>All results (problems first)</source>
        <translation>Alle Ergebnisse (Probleme zuerst)</translation>
    </message>
    <message>
        <source>Incidents only: FAILED and INDETERMINATE</source>
        <translation>Nur Vorfälle: FAILED und INDETERMINATE</translation>
    </message>
    <message>
        <source>FAILED only</source>
        <translation>Nur FAILED (fehlgeschlagen)</translation>
    </message>
    <message>
        <source>INDETERMINATE only</source>
        <translation>Nur INDETERMINATE (unbestimmt)</translation>
    </message>
    <message>
        <source>PASSED only</source>
        <translation>Nur PASSED (bestanden)</translation>
    </message>
    <message>
        <source>Show results</source>
        <translation>Ergebnisse anzeigen</translation>
    </message>
    <message>
        <source>Revalidation results</source>
        <translation>Ergebnisse der Revalidierung</translation>
    </message>
    <message>
        <source>No revalidation run yet. Choose a scope and start one: every seal is re-proved (integrity, coverage, certificate path, revocation, timestamp, and the store&apos;s own records).</source>
        <translation>Noch kein Revalidierungslauf. Wählen Sie einen Umfang und starten Sie einen: jedes Siegel wird erneut nachgewiesen (Unversehrtheit, Abdeckung, Zertifikatspfad, Sperrstatus, Zeitstempel und die eigenen Datensätze der Ablage).</translation>
    </message>
    <message>
        <source>{failed} FAILED · {indeterminate} INDETERMINATE · {passed} PASSED</source>
        <translation>{failed} FAILED · {indeterminate} INDETERMINATE · {passed} PASSED</translation>
    </message>
    <message>
        <source> · {pending} pending</source>
        <translation> · {pending} ausstehend</translation>
    </message>
    <message>
        <source>Run {run_id}: {text}. Every result other than PASSED is an incident, recorded in the audit log.</source>
        <translation>Lauf {run_id}: {text}. Jedes Ergebnis außer PASSED ist ein Vorfall und wird im Prüfprotokoll festgehalten.</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>HTML files (*.html)</source>
        <translation>HTML-Dateien (*.html)</translation>
    </message>
    <message>
        <source>Export the run&apos;s report</source>
        <translation>Den Bericht des Laufs exportieren</translation>
    </message>
    <message>
        <source>Showing:</source>
        <translation>Anzeige:</translation>
    </message>
</context>
<context>
    <name>details</name>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>Sealed file</source>
        <translation>Versiegelte Datei</translation>
    </message>
    <message>
        <source>Revalidation run</source>
        <translation>Revalidierungslauf</translation>
    </message>
    <message>
        <source>Rotation proposal</source>
        <translation>Rotationsantrag</translation>
    </message>
    <message>
        <source>Audit entry</source>
        <translation>Protokolleintrag</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <source>Log in and sign</source>
        <translation>Anmelden und signieren</translation>
    </message>
</context>
<context>
    <name>documents_model</name>
    <message>
        <source>Not sealed: the batch stopped before this document. Seal it again.</source>
        <translation>Nicht versiegelt: der Stapel wurde vor diesem Dokument beendet. Versiegeln Sie es erneut.</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>KB</source>
        <translation>KB</translation>
    </message>
    <message>
        <source>MB</source>
        <translation>MB</translation>
    </message>
    <message>
        <source>GB</source>
        <translation>GB</translation>
    </message>
    <message>
        <source>{size} B</source>
        <translation>{size} B</translation>
    </message>
</context>
<context>
    <name>error_dialog</name>
    <message>
        <source>SealDesk hit an internal error.</source>
        <translation>In SealDesk ist ein interner Fehler aufgetreten.</translation>
    </message>
</context>
<context>
    <name>failures</name>
    <message>
        <source>{INTERNAL_ERROR} See the error report.</source>
        <translation>{INTERNAL_ERROR} Siehe Fehlerbericht.</translation>
    </message>
    <message>
        <source>What was found: {message}</source>
        <translation>Befund: {message}</translation>
    </message>
    <message>
        <source>What to do: {hint}</source>
        <translation>Was zu tun ist: {hint}</translation>
    </message>
</context>
<context>
    <name>health_tile</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Action needed</source>
        <translation>Handlung nötig</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Recent activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <source>Nothing recorded yet.</source>
        <translation>Noch nichts erfasst.</translation>
    </message>
</context>
<context>
    <name>home_page</name>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Seal certificate</source>
        <translation>Siegelzertifikat</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <source>Last revalidation</source>
        <translation>Letzte Revalidierung</translation>
    </message>
    <message>
        <source>Key rotation</source>
        <translation>Schlüsselwechsel</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Snapshots</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Vorfälle</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>Token (demo)</source>
        <translation>Token (Demo)</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>Wartung</translation>
    </message>
</context>
<context>
    <name>incidents_model</name>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>Data integrity</source>
        <translation>Datenintegrität</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Verfügbarkeit</translation>
    </message>
    <message>
        <source>Configuration / update</source>
        <translation>Konfiguration / Update</translation>
    </message>
</context>
<context>
    <name>keys_model</name>
    <message>
        <source>thresholds </source>
        <translation>Schwellen </translation>
    </message>
</context>
<context>
    <name>lock</name>
    <message>
        <source>Auditor mode — read only: nothing can be changed here.</source>
        <translation>Prüfermodus — nur lesen: hier kann nichts geändert werden.</translation>
    </message>
</context>
<context>
    <name>mode</name>
    <message>
        <source>SealDesk database (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>SealDesk-Datenbank (*.db *.sqlite *.sqlite3);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Sealed documents</source>
        <translation>Versiegelte Dokumente</translation>
    </message>
    <message>
        <source>SealDesk — {MODE_TEXT} — {name}</source>
        <translation>SealDesk — {MODE_TEXT} — {name}</translation>
    </message>
    <message>
        <source>Database copy {source}: opened immutable, nothing is ever written to it; no token is used. Write actions are disabled.</source>
        <translation>Datenbankkopie {source}: unveränderlich geöffnet, es wird nie etwas hineingeschrieben; kein Token wird verwendet. Schreibaktionen sind deaktiviert.</translation>
    </message>
    <message>
        <source>No token: auditor mode</source>
        <translation>Kein Token: Prüfermodus</translation>
    </message>
    <message>
        <source>Open &amp;evidence bundle…</source>
        <translation>Beweis&amp;paket öffnen…</translation>
    </message>
    <message>
        <source>Open database &amp;copy (read-only)…</source>
        <translation>Datenbank&amp;kopie öffnen (nur lesen)…</translation>
    </message>
    <message>
        <source>Open evidence bundle</source>
        <translation>Beweispaket öffnen</translation>
    </message>
    <message>
        <source>Open a copy of a SealDesk database</source>
        <translation>Eine Kopie einer SealDesk-Datenbank öffnen</translation>
    </message>
</context>
<context>
    <name>page</name>
    <message>
        <source>PDF documents (*.pdf);;All files (*)</source>
        <translation>PDF-Dokumente (*.pdf);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>pin_dialog</name>
    <message>
        <source>Sealing needs the token&apos;s user PIN.</source>
        <translation>Zum Versiegeln wird die Benutzer-PIN des Tokens benötigt.</translation>
    </message>
    <message>
        <source>Enter the PIN on the reader&apos;s PIN pad after pressing the button below, and confirm it there. SealDesk waits for the reader; the PIN never passes through this computer.</source>
        <translation>Geben Sie die PIN nach dem Drücken der Schaltfläche unten am PIN-Pad des Lesers ein und bestätigen Sie sie dort. SealDesk wartet auf den Leser; die PIN gelangt nie in diesen Computer.</translation>
    </message>
    <message>
        <source>This seal will be made with</source>
        <translation>Dieses Siegel wird erstellt mit</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Schlüssel:</translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation>Zertifikat:</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>Ausgestellt von:</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>Gültig bis:</translation>
    </message>
    <message>
        <source>{not_after:%Y-%m-%d} UTC ({expiry})</source>
        <translation>{not_after:%Y-%m-%d} UTC ({expiry})</translation>
    </message>
    <message>
        <source>PAdES level:</source>
        <translation>PAdES-Stufe:</translation>
    </message>
    <message>
        <source>Timestamp:</source>
        <translation>Zeitstempel:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>Ort:</translation>
    </message>
</context>
<context>
    <name>proof_dialog</name>
    <message>
        <source>Entry:            {leaf_index}</source>
        <translation>Eintrag:          {leaf_index}</translation>
    </message>
    <message>
        <source>Audit key id:     {key_id}</source>
        <translation>Protokollschlüssel-ID: {key_id}</translation>
    </message>
    <message>
        <source>Entry hash:       {entry_hash}</source>
        <translation>Eintrags-Hash:    {entry_hash}</translation>
    </message>
    <message>
        <source>Checkpoint:       {tree_size} entries, taken {taken} on {console_id}</source>
        <translation>Prüfpunkt:        {tree_size} Einträge, erstellt {taken} auf {console_id}</translation>
    </message>
    <message>
        <source>Signed root:      {root_hash}</source>
        <translation>Signierte Wurzel: {root_hash}</translation>
    </message>
    <message>
        <source>Certificate:      {subject}</source>
        <translation>Zertifikat:       {subject}</translation>
    </message>
    <message>
        <source>  SHA-256:        {fingerprint}</source>
        <translation>  SHA-256:        {fingerprint}</translation>
    </message>
    <message>
        <source>Audit path ({count} hashes, from the entry&apos;s sibling up to the root, RFC 9162):</source>
        <translation>Prüfpfad ({count} Hashes, vom Nachbarn des Eintrags bis zur Wurzel, RFC 9162):</translation>
    </message>
</context>
<context>
    <name>retry_offer</name>
    <message>
        <source>Sealing stopped</source>
        <translation>Versiegelung angehalten</translation>
    </message>
    <message>
        <source>Retry the rest</source>
        <translation>Den Rest erneut versuchen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
</context>
<context>
    <name>revalidation_model</name>
    <message>
        <source>Passed</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>Indeterminate</source>
        <translation>Unbestimmt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Deleted under retention</source>
        <translation>Nach Ablauf der Aufbewahrung gelöscht</translation>
    </message>
</context>
<context>
    <name>rotation_wizard</name>
    <message>
        <source>24 hours</source>
        <translation>24 Stunden</translation>
    </message>
    <message>
        <source>3 days</source>
        <translation>3 Tage</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 Tage</translation>
    </message>
    <message>
        <source>14 days</source>
        <translation>14 Tage</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 Tage</translation>
    </message>
    <message>
        <source>EC P-256 (recommended)</source>
        <translation>EC P-256 (empfohlen)</translation>
    </message>
</context>
<context>
    <name>seal_flow</name>
    <message>
        <source>Sealing cancelled: no PIN was entered. Nothing was sealed.</source>
        <translation>Versiegelung abgebrochen: keine PIN eingegeben. Nichts wurde versiegelt.</translation>
    </message>
    <message>
        <source>Cancelling: every document is already sealed; finishing the batch…</source>
        <translation>Abbruch: jedes Dokument ist bereits versiegelt; der Stapel wird abgeschlossen…</translation>
    </message>
    <message>
        <source>Cancelling after {done} of {total}: up to {in_flight} seal(s) already under way finish and are kept; the other documents stay unsealed.</source>
        <translation>Abbruch nach {done} von {total}: bis zu {in_flight} bereits laufende Versiegelung(en) werden beendet und behalten; die übrigen Dokumente bleiben unversiegelt.</translation>
    </message>
    <message>
        <source>The token stopped answering</source>
        <translation>Das Token antwortet nicht mehr</translation>
    </message>
    <message>
        <source>sealed</source>
        <translation>versiegelt</translation>
    </message>
    <message>
        <source>already sealed</source>
        <translation>bereits versiegelt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>nicht begonnen</translation>
    </message>
    <message>
        <source>Sealing cancelled</source>
        <translation>Versiegelung abgebrochen</translation>
    </message>
    <message>
        <source>Sealing stopped</source>
        <translation>Versiegelung angehalten</translation>
    </message>
    <message>
        <source>Sealing finished</source>
        <translation>Versiegelung abgeschlossen</translation>
    </message>
    <message>
        <source>nothing to do</source>
        <translation>nichts zu tun</translation>
    </message>
</context>
<context>
    <name>seal_progress</name>
    <message>
        <source>Logging in to the token…</source>
        <translation>Anmeldung am Token…</translation>
    </message>
    <message>
        <source>Enter the PIN on the reader&apos;s PIN pad; SealDesk waits for the reader…</source>
        <translation>Geben Sie die PIN am PIN-Pad des Lesers ein; SealDesk wartet auf den Leser…</translation>
    </message>
    <message>
        <source>Sealed {name} ({done} of {total}). Recording the batch…</source>
        <translation>{name} versiegelt ({done} von {total}). Der Stapel wird protokolliert…</translation>
    </message>
    <message>
        <source>Sealed {name} ({done} of {total}); sealing the rest…</source>
        <translation>{name} versiegelt ({done} von {total}); der Rest wird versiegelt…</translation>
    </message>
</context>
<context>
    <name>sealed_page</name>
    <message>
        <source>Sealed at (UTC)</source>
        <translation>Versiegelt am (UTC)</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Audit entry</source>
        <translation>Protokolleintrag</translation>
    </message>
    <message>
        <source>Sealed SHA-256</source>
        <translation>SHA-256 (versiegelt)</translation>
    </message>
</context>
<context>
    <name>signed_act</name>
    <message>
        <source>No PIN was given: nothing was changed.</source>
        <translation>Keine PIN angegeben: nichts wurde geändert.</translation>
    </message>
    <message>
        <source>{what} is signed by the audit key on the token before it takes effect: it needs the token&apos;s user PIN.</source>
        <translation>{what} wird mit dem Protokollschlüssel auf dem Token signiert, bevor es wirksam wird: dafür ist die Benutzer-PIN des Tokens nötig.</translation>
    </message>
</context>
<context>
    <name>snapshots_page</name>
    <message>
        <source>Files in the document store</source>
        <translation>Dateien in der Dokumentenablage</translation>
    </message>
    <message>
        <source>Seal records</source>
        <translation>Siegeldatensätze</translation>
    </message>
    <message>
        <source>Seal events in the audit log</source>
        <translation>Siegelereignisse im Prüfprotokoll</translation>
    </message>
    <message>
        <source>Audit log entries</source>
        <translation>Einträge im Prüfprotokoll</translation>
    </message>
    <message>
        <source>Entries covered by a signed checkpoint</source>
        <translation>Durch einen signierten Prüfpunkt abgedeckte Einträge</translation>
    </message>
    <message>
        <source>Unfinished files in staging</source>
        <translation>Unfertige Dateien im Zwischenbereich</translation>
    </message>
    <message>
        <source>Exported copies recorded in the log</source>
        <translation>Im Protokoll aufgezeichnete exportierte Kopien</translation>
    </message>
    <message>
        <source>… still present and unchanged</source>
        <translation>… noch vorhanden und unverändert</translation>
    </message>
    <message>
        <source>… changed since export</source>
        <translation>… seit dem Export geändert</translation>
    </message>
    <message>
        <source>… not reachable from here (may have left the machine)</source>
        <translation>… von hier nicht erreichbar (hat den Rechner vielleicht verlassen)</translation>
    </message>
    <message>
        <source>Restore into which new folder? (choose or create an empty one)</source>
        <translation>In welchen neuen Ordner wiederherstellen? (einen leeren wählen oder anlegen)</translation>
    </message>
    <message>
        <source>Restore into which new database?</source>
        <translation>In welche neue Datenbank wiederherstellen?</translation>
    </message>
    <message>
        <source>This snapshot holds a PostgreSQL database.
Create a new, empty database first (createdb NEWDB) and enter its URL,
e.g. postgresql://user@host:5432/NEWDB.

The live database and any database with tables are refused.
Put the password in ~/.pgpass, never in the URL.</source>
        <translation>Dieser Snapshot enthält eine PostgreSQL-Datenbank.
Legen Sie zuerst eine neue, leere Datenbank an (createdb NEWDB) und geben Sie ihre URL ein,
z. B. postgresql://user@host:5432/NEWDB.

Die laufende Datenbank und jede Datenbank mit Tabellen werden abgelehnt.
Legen Sie das Passwort in ~/.pgpass ab, nie in der URL.</translation>
    </message>
</context>
<context>
    <name>startup</name>
    <message>
        <source>Opening the data folder…</source>
        <translation>Datenordner wird geöffnet…</translation>
    </message>
    <message>
        <source>First start: setting up the demo token (SoftHSM2), demo certificates and an offline timestamp authority…</source>
        <translation>Erster Start: Demo-Token (SoftHSM2), Demo-Zertifikate und ein Offline-Zeitstempeldienst werden eingerichtet…</translation>
    </message>
    <message>
        <source>Checking the document store…</source>
        <translation>Dokumentenablage wird geprüft…</translation>
    </message>
</context>
<context>
    <name>token_picker</name>
    <message>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Seriennummer</translation>
    </message>
    <message>
        <source>Manufacturer</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Choose the token SealDesk should seal with. SealDesk remembers its serial number, maker and model, and never picks a token by itself.</source>
        <translation>Wählen Sie das Token, mit dem SealDesk versiegeln soll. SealDesk merkt sich Seriennummer, Hersteller und Modell und wählt nie selbst ein Token.</translation>
    </message>
</context>
<context>
    <name>token_removed_dialog</name>
    <message>
        <source>Waiting for the token…</source>
        <translation>Warten auf das Token…</translation>
    </message>
    <message>
        <source>({done} of {total} done, kept)</source>
        <translation>({done} von {total} erledigt, behalten)</translation>
    </message>
    <message>
        <source>The token is still not connected; sealing {document} waits {progress}. Reinsert it and press Continue, or Stop.</source>
        <translation>Das Token ist noch nicht angeschlossen; die Versiegelung von {document} wartet {progress}. Stecken Sie es wieder ein und drücken Sie Fortsetzen oder Anhalten.</translation>
    </message>
    <message>
        <source>Token removed while sealing {document} {progress}. Reinsert it and press Continue, or Stop.</source>
        <translation>Token entfernt während der Versiegelung von {document} {progress}. Stecken Sie es wieder ein und drücken Sie Fortsetzen oder Anhalten.</translation>
    </message>
</context>
<context>
    <name>token_status</name>
    <message>
        <source>Token removed</source>
        <translation>Token entfernt</translation>
    </message>
    <message>
        <source>Token: not the configured one</source>
        <translation>Token: nicht das konfigurierte</translation>
    </message>
    <message>
        <source>Token: choose one</source>
        <translation>Token: bitte eines wählen</translation>
    </message>
    <message>
        <source>Token: module error</source>
        <translation>Token: Modulfehler</translation>
    </message>
</context>
<context>
    <name>token_unlock</name>
    <message>
        <source>The document archive is encrypted; your recipient key opens it.</source>
        <translation>Das Dokumentenarchiv ist verschlüsselt; Ihr Empfängerschlüssel öffnet es.</translation>
    </message>
    <message>
        <source>Log in and open</source>
        <translation>Anmelden und öffnen</translation>
    </message>
</context>
<context>
    <name>view</name>
    <message>
        <source>Documents</source>
        <translation>Dokumente</translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <source>Select a key in the Keys and certificates table first.</source>
        <translation>Wählen Sie zuerst einen Schlüssel in der Tabelle „Schlüssel und Zertifikate“.</translation>
    </message>
    <message>
        <source>The selected key has no certificate on the token.</source>
        <translation>Der gewählte Schlüssel hat kein Zertifikat auf dem Token.</translation>
    </message>
</context>
</TS>
