<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
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
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>(no such entry)</source>
        <translation>(kein solcher Eintrag)</translation>
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
        <source>Auditor mode — read only: no documents are added or sealed here.

The “Sealed documents” page lists every seal in this database copy.</source>
        <translation>Prüfermodus — nur lesen: hier werden keine Dokumente hinzugefügt oder versiegelt.

Die Seite „Versiegelte Dokumente“ listet jedes Siegel in dieser Datenbankkopie.</translation>
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
        <source>Failed: </source>
        <translation>Fehlgeschlagen: </translation>
    </message>
</context>
<context>
    <name>KeysTableModel</name>
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
        <translation>&amp;Dokumente</translation>
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
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <source>Revalidation</source>
        <translation>Revalidierung</translation>
    </message>
    <message>
        <source>Keys &amp; certificates</source>
        <translation>Schlüssel und Zertifikate</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Snapshots</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
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
        <source>{count} seal(s)</source>
        <translation>{count} Siegel</translation>
    </message>
    <message>
        <source>Reading the audit trail…</source>
        <translation>Prüfpfad wird gelesen…</translation>
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
        <source>&lt;tr&gt;&lt;td&gt;{what}&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;{number:,}&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;{what}&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;{number:,}&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;&lt;b&gt;{kind}&lt;/b&gt; {subject}: {detail}. &lt;i&gt;{action}&lt;/i&gt;&lt;/li&gt;</source>
        <translation>&lt;li&gt;&lt;b&gt;{kind}&lt;/b&gt; {subject}: {detail}. &lt;i&gt;{action}&lt;/i&gt;&lt;/li&gt;</translation>
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
        <translation>&amp;Beweispaket öffnen…</translation>
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
        <source>Restore into which new folder? (choose or create an empty one)</source>
        <translation>In welchen neuen Ordner wiederherstellen? (einen leeren wählen oder anlegen)</translation>
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
    <name>view</name>
    <message>
        <source>Documents</source>
        <translation>Dokumente</translation>
    </message>
</context>
</TS>
