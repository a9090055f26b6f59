/*
 * p11shim.c - a fault-injecting PKCS#11 proxy module, for tests only.
 *
 * SoftHSM2 is a faithful software token but it cannot behave like a USB
 * token on a desk: it has no PIN retry counter, cannot be pulled out, has no
 * PIN pad, and never hangs or crashes. This module sits between the
 * application and a real module (P11SHIM_TARGET, default SoftHSM2), forwards
 * every call, and injects those behaviours on demand, so the production code
 * can be tested against them through the same python-pkcs11/pyHanko path.
 *
 * Behaviour is read from a key=value control file (P11SHIM_CONTROL) on every
 * call, so a test can change it while the module is loaded. Counters that a
 * real token keeps across power cycles (wrong PINs, context logins, ...) are
 * kept in "<control>.state", shared by all processes using the same control
 * file. See README.md for the keys and for what is NOT simulated.
 *
 * Session handles given to the caller are the shim's own and are never
 * reused, so a handle from before a simulated removal stays invalid even if
 * the target reuses its number.
 *
 * Build: gcc -shared -fPIC -Wall -Wextra -O2 -o libp11shim.so p11shim.c -ldl
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "pkcs11_min.h"

#define DEFAULT_TARGET "/usr/lib/softhsm/libsofthsm2.so"
#define FIRST_SHIM_HANDLE 0x1000UL
#define MAX_PIN 128

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR ppFunctionList); /* the only export */

/* ------------------------------------------------------------------ */
/* Control file                                                        */
/* ------------------------------------------------------------------ */

/* The parsed control file; every field defaults to "behave like the target". */
typedef struct {
    long max_pin_tries;          /* 0 = no retry counter */
    int removed;                 /* token pulled out */
    unsigned long removal_epoch; /* bumped by the Python helper on each removal */
    int protected_auth_path;     /* reader has a PIN pad */
    char pinpad_pin[MAX_PIN];    /* what the user "types" on the PIN pad */
    int has_pinpad_pin;
    long pinpad_delay_ms;
    int always_authenticate;     /* every private key needs a context login */
    char context_pin[MAX_PIN];
    int has_context_pin;
    char hang[512];              /* "C_Login:5000,C_Sign:100" */
    char crash[512];             /* "C_GetSlotList,C_Sign" */
    char fail[512];              /* "C_OpenSession:CKR_DEVICE_ERROR" */
    char token_label[64];
    int has_token_label;
    char token_serial[64];
    int has_token_serial;
} Control;

static void copy_value(char *dst, size_t size, const char *src, int *flag)
{
    snprintf(dst, size, "%s", src);
    if (flag)
        *flag = 1;
}

/* Read P11SHIM_CONTROL; a missing variable or file means "no faults". */
static void load_control(Control *c)
{
    memset(c, 0, sizeof(*c));
    const char *path = getenv("P11SHIM_CONTROL");
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f)
        return;
    char line[1024];
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *eq = strchr(line, '=');
        if (line[0] == '#' || !eq)
            continue;
        *eq = '\0';
        const char *key = line, *val = eq + 1;
        if (!strcmp(key, "max_pin_tries"))
            c->max_pin_tries = strtol(val, NULL, 10);
        else if (!strcmp(key, "removed"))
            c->removed = atoi(val) != 0;
        else if (!strcmp(key, "removal_epoch"))
            c->removal_epoch = strtoul(val, NULL, 10);
        else if (!strcmp(key, "protected_auth_path"))
            c->protected_auth_path = atoi(val) != 0;
        else if (!strcmp(key, "pinpad_pin"))
            copy_value(c->pinpad_pin, sizeof(c->pinpad_pin), val, &c->has_pinpad_pin);
        else if (!strcmp(key, "pinpad_delay_ms"))
            c->pinpad_delay_ms = strtol(val, NULL, 10);
        else if (!strcmp(key, "always_authenticate"))
            c->always_authenticate = atoi(val) != 0;
        else if (!strcmp(key, "context_pin"))
            copy_value(c->context_pin, sizeof(c->context_pin), val, &c->has_context_pin);
        else if (!strcmp(key, "hang"))
            copy_value(c->hang, sizeof(c->hang), val, NULL);
        else if (!strcmp(key, "crash"))
            copy_value(c->crash, sizeof(c->crash), val, NULL);
        else if (!strcmp(key, "fail"))
            copy_value(c->fail, sizeof(c->fail), val, NULL);
        else if (!strcmp(key, "token_label"))
            copy_value(c->token_label, sizeof(c->token_label), val, &c->has_token_label);
        else if (!strcmp(key, "token_serial"))
            copy_value(c->token_serial, sizeof(c->token_serial), val, &c->has_token_serial);
    }
    fclose(f);
}

/*
 * Look `fn` up in a comma-separated list of "Name" or "Name:arg" entries.
 * Returns 1 if found and copies the argument (or "") into arg.
 */
static int list_lookup(const char *list, const char *fn, char *arg, size_t argsize)
{
    size_t fnlen = strlen(fn);
    const char *p = list;
    while (*p) {
        p += strspn(p, " ,");
        size_t itemlen = strcspn(p, ",");
        size_t namelen = strcspn(p, ":,");
        if (namelen == fnlen && !strncmp(p, fn, fnlen)) {
            size_t arglen = itemlen > namelen ? itemlen - namelen - 1 : 0;
            if (arglen >= argsize)
                arglen = argsize - 1;
            memcpy(arg, p + namelen + (arglen ? 1 : 0), arglen);
            arg[arglen] = '\0';
            return 1;
        }
        p += itemlen;
    }
    return 0;
}

/* The CKR_ names a test is likely to inject; anything else as a number. */
static CK_RV parse_rv(const char *text)
{
    static const struct { const char *name; CK_RV rv; } names[] = {
        {"CKR_HOST_MEMORY", CKR_HOST_MEMORY},
        {"CKR_SLOT_ID_INVALID", CKR_SLOT_ID_INVALID},
        {"CKR_GENERAL_ERROR", CKR_GENERAL_ERROR},
        {"CKR_FUNCTION_FAILED", CKR_FUNCTION_FAILED},
        {"CKR_ARGUMENTS_BAD", CKR_ARGUMENTS_BAD},
        {"CKR_DEVICE_ERROR", CKR_DEVICE_ERROR},
        {"CKR_DEVICE_MEMORY", CKR_DEVICE_MEMORY},
        {"CKR_DEVICE_REMOVED", CKR_DEVICE_REMOVED},
        {"CKR_FUNCTION_CANCELED", CKR_FUNCTION_CANCELED},
        {"CKR_KEY_HANDLE_INVALID", CKR_KEY_HANDLE_INVALID},
        {"CKR_MECHANISM_INVALID", CKR_MECHANISM_INVALID},
        {"CKR_PIN_INCORRECT", CKR_PIN_INCORRECT},
        {"CKR_PIN_EXPIRED", CKR_PIN_EXPIRED},
        {"CKR_PIN_LOCKED", CKR_PIN_LOCKED},
        {"CKR_SESSION_CLOSED", CKR_SESSION_CLOSED},
        {"CKR_SESSION_COUNT", CKR_SESSION_COUNT},
        {"CKR_SESSION_HANDLE_INVALID", CKR_SESSION_HANDLE_INVALID},
        {"CKR_TOKEN_NOT_PRESENT", CKR_TOKEN_NOT_PRESENT},
        {"CKR_TOKEN_NOT_RECOGNIZED", CKR_TOKEN_NOT_RECOGNIZED},
        {"CKR_USER_NOT_LOGGED_IN", CKR_USER_NOT_LOGGED_IN},
        {"CKR_CRYPTOKI_NOT_INITIALIZED", CKR_CRYPTOKI_NOT_INITIALIZED},
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (!strcmp(text, names[i].name))
            return names[i].rv;
    CK_RV rv = strtoul(text, NULL, 0);
    return rv ? rv : CKR_GENERAL_ERROR;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (ms > 0 && nanosleep(&ts, &ts) == -1 && errno == EINTR)
        ;
}

/* ------------------------------------------------------------------ */
/* State file: counters that survive process restarts, like a token's  */
/* ------------------------------------------------------------------ */

enum { STATE_GET, STATE_ADD, STATE_SET };

/*
 * Read, and optionally change, one counter in "<control>.state" under an
 * exclusive flock, so concurrent processes do not lose updates.
 * Returns the (new) value; 0 if there is no control file configured.
 */
static long state_op(const char *key, int op, long value)
{
    const char *control = getenv("P11SHIM_CONTROL");
    char path[4096], buf[4096], out[4096];
    if (!control || snprintf(path, sizeof(path), "%s.state", control) >= (int)sizeof(path))
        return 0;
    int fd = open(path, op == STATE_GET ? O_RDONLY : O_RDWR | O_CREAT, 0644);
    if (fd < 0)
        return 0;
    flock(fd, op == STATE_GET ? LOCK_SH : LOCK_EX);
    ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
    buf[n > 0 ? n : 0] = '\0';

    long current = 0;
    size_t outlen = 0, keylen = strlen(key);
    char *save = NULL;
    for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (!strncmp(line, key, keylen) && line[keylen] == '=')
            current = strtol(line + keylen + 1, NULL, 10);
        else if (outlen < sizeof(out))
            outlen += snprintf(out + outlen, sizeof(out) - outlen, "%s\n", line);
    }
    if (op != STATE_GET) {
        current = op == STATE_ADD ? current + value : value;
        if (outlen < sizeof(out))
            outlen += snprintf(out + outlen, sizeof(out) - outlen, "%s=%ld\n", key, current);
        if (outlen > sizeof(out))
            outlen = sizeof(out);
        if (ftruncate(fd, 0) == 0 && pwrite(fd, out, outlen, 0) != (ssize_t)outlen)
            fprintf(stderr, "p11shim: short write to %s\n", path);
    }
    close(fd); /* releases the lock */
    return current;
}

/* ------------------------------------------------------------------ */
/* Module state                                                        */
/* ------------------------------------------------------------------ */

typedef struct {
    CK_SESSION_HANDLE shim;   /* handle the caller sees; never reused */
    CK_SESSION_HANDLE target; /* handle in the target module */
    int alive;                /* 0 once the token was removed under it */
    CK_SLOT_ID slot;
    unsigned long generation; /* token generation when the session was opened */
    int reauth_pending;       /* emulated CKA_ALWAYS_AUTHENTICATE: sign needs a context login */
} Session;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static void *target_dl;
static CK_FUNCTION_LIST_PTR target;
static CK_FUNCTION_LIST shim_list;
static Session *sessions;
static size_t n_sessions, cap_sessions;
static CK_SESSION_HANDLE next_handle = FIRST_SHIM_HANDLE;
static int last_removed;             /* removal state seen by the previous call */
static unsigned long local_removals; /* removals this process saw happen */
/* The last PIN that logged the user in (memory only): context logins are checked against it. */
static unsigned char user_pin[MAX_PIN];
static CK_ULONG user_pin_len;

static Session *find_session(CK_SESSION_HANDLE h)
{
    for (size_t i = 0; i < n_sessions; i++)
        if (sessions[i].shim == h)
            return &sessions[i];
    return NULL;
}

static void drop_session(Session *s)
{
    *s = sessions[--n_sessions];
}

/*
 * Apply a removal the control file announces: a real token loses every
 * session (and with them the login) when pulled out, so close the target
 * sessions of every older token generation. Called with `lock` held.
 */
static void sync_removal(const Control *c)
{
    if (c->removed && !last_removed)
        local_removals++;
    last_removed = c->removed;
    unsigned long generation = c->removal_epoch + local_removals;
    for (size_t i = 0; i < n_sessions; i++) {
        Session *s = &sessions[i];
        if (s->alive && (c->removed || s->generation != generation)) {
            target->C_CloseSession(s->target);
            s->alive = 0;
        }
    }
}

static unsigned long current_generation(const Control *c)
{
    return c->removal_epoch + local_removals;
}

/* ------------------------------------------------------------------ */
/* Prologues shared by all entry points                                */
/* ------------------------------------------------------------------ */

/*
 * Every entry point starts here: read the control file, follow a removal,
 * then crash, hang or fail if the control file says so for this function.
 */
static CK_RV inject(const char *fn, Control *c)
{
    char arg[64];
    load_control(c);
    if (target) {
        pthread_mutex_lock(&lock);
        sync_removal(c);
        pthread_mutex_unlock(&lock);
    }
    if (list_lookup(c->crash, fn, arg, sizeof(arg))) {
        fprintf(stderr, "p11shim: crash injected in %s\n", fn);
        abort();
    }
    if (list_lookup(c->hang, fn, arg, sizeof(arg)))
        sleep_ms(strtol(arg, NULL, 10));
    if (list_lookup(c->fail, fn, arg, sizeof(arg)))
        return parse_rv(arg);
    return CKR_OK;
}

/* Prologue of calls on a slot whose token must be present. */
static CK_RV enter_token(const char *fn, Control *c)
{
    CK_RV rv = inject(fn, c);
    if (rv == CKR_OK && c->removed)
        rv = CKR_TOKEN_NOT_PRESENT;
    return rv;
}

/*
 * Prologue of session calls: swaps the caller's handle for the target's.
 * Returns an error for a bad, removed or stale session; otherwise sets
 * *fault to the error injected for `fn` (CKR_OK if none) with *h translated.
 */
static CK_RV enter_session_fault(const char *fn, CK_SESSION_HANDLE *h, Control *c, CK_RV *fault)
{
    CK_RV rv = CKR_OK;
    *fault = inject(fn, c);
    pthread_mutex_lock(&lock);
    Session *s = find_session(*h);
    if (!s)
        rv = CKR_SESSION_HANDLE_INVALID;
    else if (c->removed)
        rv = CKR_DEVICE_REMOVED;
    else if (!s->alive)
        rv = CKR_SESSION_HANDLE_INVALID; /* opened before the token was re-inserted */
    else
        *h = s->target;
    pthread_mutex_unlock(&lock);
    return rv;
}

static CK_RV enter_session(const char *fn, CK_SESSION_HANDLE *h, Control *c)
{
    CK_RV fault, rv = enter_session_fault(fn, h, c, &fault);
    return rv != CKR_OK ? rv : fault;
}

/* ------------------------------------------------------------------ */
/* Plain forwarders, generated from the function table                 */
/* ------------------------------------------------------------------ */

#define FWD_G(name, params, args) \
    static CK_RV fwd_##name params \
    { \
        Control c; \
        CK_RV rv = inject(#name, &c); \
        return rv != CKR_OK ? rv : target->name args; \
    }
#define FWD_T(name, params, args) \
    static CK_RV fwd_##name params \
    { \
        Control c; \
        CK_RV rv = enter_token(#name, &c); \
        return rv != CKR_OK ? rv : target->name args; \
    }
#define FWD_S(name, params, args) \
    static CK_RV fwd_##name params \
    { \
        Control c; \
        CK_RV rv = enter_session(#name, &hSession, &c); \
        return rv != CKR_OK ? rv : target->name args; \
    }
#define X(kind, name, params, args) FWD_##kind(name, params, args)
P11_FUNCTIONS
#undef X

/* ------------------------------------------------------------------ */
/* Slots and tokens: removal, PIN-counter flags, label/serial override  */
/* ------------------------------------------------------------------ */

static CK_RV shim_C_GetSlotList(CK_BBOOL tokenPresent, CK_SLOT_ID_PTR pSlotList,
                                CK_ULONG_PTR pulCount)
{
    Control c;
    CK_RV rv = inject("C_GetSlotList", &c);
    if (rv != CKR_OK)
        return rv;
    if (c.removed && tokenPresent) {
        if (!pulCount)
            return CKR_ARGUMENTS_BAD;
        *pulCount = 0;
        return CKR_OK;
    }
    return target->C_GetSlotList(tokenPresent, pSlotList, pulCount);
}

static CK_RV shim_C_GetSlotInfo(CK_SLOT_ID slotID, CK_SLOT_INFO_PTR pInfo)
{
    Control c;
    CK_RV rv = inject("C_GetSlotInfo", &c);
    if (rv == CKR_OK)
        rv = target->C_GetSlotInfo(slotID, pInfo);
    if (rv == CKR_OK && c.removed)
        pInfo->flags &= ~CKF_TOKEN_PRESENT;
    return rv;
}

/* Copy text into a blank-padded, unterminated PKCS#11 string field. */
static void set_padded(CK_UTF8CHAR *field, size_t size, const char *text)
{
    size_t len = strlen(text);
    memset(field, ' ', size);
    memcpy(field, text, len < size ? len : size);
}

static CK_RV shim_C_GetTokenInfo(CK_SLOT_ID slotID, CK_TOKEN_INFO_PTR pInfo)
{
    Control c;
    CK_RV rv = enter_token("C_GetTokenInfo", &c);
    if (rv == CKR_OK)
        rv = target->C_GetTokenInfo(slotID, pInfo);
    if (rv != CKR_OK || !(pInfo->flags & CKF_TOKEN_INITIALIZED))
        return rv; /* SoftHSM2's spare empty slot is left alone */
    if (c.max_pin_tries > 0) {
        long failures = state_op("pin_failures", STATE_GET, 0);
        if (failures > 0)
            pInfo->flags |= CKF_USER_PIN_COUNT_LOW;
        if (c.max_pin_tries - failures == 1)
            pInfo->flags |= CKF_USER_PIN_FINAL_TRY;
        if (failures >= c.max_pin_tries)
            pInfo->flags |= CKF_USER_PIN_LOCKED;
    }
    if (c.protected_auth_path)
        pInfo->flags |= CKF_PROTECTED_AUTHENTICATION_PATH;
    if (c.has_token_label)
        set_padded(pInfo->label, sizeof(pInfo->label), c.token_label);
    if (c.has_token_serial)
        set_padded(pInfo->serialNumber, sizeof(pInfo->serialNumber), c.token_serial);
    return CKR_OK;
}

static CK_RV shim_C_InitToken(CK_SLOT_ID slotID, CK_UTF8CHAR_PTR pPin, CK_ULONG ulPinLen,
                              CK_UTF8CHAR_PTR pLabel)
{
    Control c;
    CK_RV rv = enter_token("C_InitToken", &c);
    if (rv == CKR_OK)
        rv = target->C_InitToken(slotID, pPin, ulPinLen, pLabel);
    if (rv == CKR_OK)
        state_op("pin_failures", STATE_SET, 0); /* a fresh token has a fresh counter */
    return rv;
}

/* ------------------------------------------------------------------ */
/* Sessions                                                            */
/* ------------------------------------------------------------------ */

static CK_RV shim_C_OpenSession(CK_SLOT_ID slotID, CK_FLAGS flags, CK_VOID_PTR pApplication,
                                CK_NOTIFY Notify, CK_SESSION_HANDLE_PTR phSession)
{
    Control c;
    CK_SESSION_HANDLE th;
    CK_RV rv = enter_token("C_OpenSession", &c);
    if (rv == CKR_OK && !phSession)
        rv = CKR_ARGUMENTS_BAD;
    if (rv == CKR_OK)
        rv = target->C_OpenSession(slotID, flags, pApplication, Notify, &th);
    if (rv != CKR_OK)
        return rv;

    pthread_mutex_lock(&lock);
    if (n_sessions == cap_sessions) {
        size_t cap = cap_sessions ? 2 * cap_sessions : 16;
        Session *grown = realloc(sessions, cap * sizeof(*grown));
        if (!grown) {
            pthread_mutex_unlock(&lock);
            target->C_CloseSession(th);
            return CKR_HOST_MEMORY;
        }
        sessions = grown;
        cap_sessions = cap;
    }
    Session *s = &sessions[n_sessions++];
    memset(s, 0, sizeof(*s));
    s->shim = next_handle++;
    s->target = th;
    s->alive = 1;
    s->slot = slotID;
    s->generation = current_generation(&c);
    *phSession = s->shim;
    pthread_mutex_unlock(&lock);
    return CKR_OK;
}

static CK_RV shim_C_CloseSession(CK_SESSION_HANDLE hSession)
{
    Control c;
    CK_RV rv = inject("C_CloseSession", &c);
    if (rv != CKR_OK)
        return rv;
    pthread_mutex_lock(&lock);
    Session *s = find_session(hSession);
    if (!s)
        rv = CKR_SESSION_HANDLE_INVALID;
    else if (s->alive)
        rv = target->C_CloseSession(s->target);
    else
        rv = c.removed ? CKR_DEVICE_REMOVED : CKR_SESSION_HANDLE_INVALID;
    if (s)
        drop_session(s); /* a dead handle is forgotten once the caller closes it */
    pthread_mutex_unlock(&lock);
    return rv;
}

static CK_RV shim_C_CloseAllSessions(CK_SLOT_ID slotID)
{
    Control c;
    CK_RV rv = inject("C_CloseAllSessions", &c);
    if (rv != CKR_OK)
        return rv;
    rv = target->C_CloseAllSessions(slotID);
    pthread_mutex_lock(&lock);
    for (size_t i = n_sessions; i-- > 0;)
        if (sessions[i].slot == slotID)
            drop_session(&sessions[i]);
    pthread_mutex_unlock(&lock);
    return c.removed ? CKR_OK : rv;
}

static CK_RV shim_C_Finalize(CK_VOID_PTR pReserved)
{
    Control c;
    CK_RV rv = inject("C_Finalize", &c);
    if (rv == CKR_OK)
        rv = target->C_Finalize(pReserved);
    if (rv == CKR_OK) {
        pthread_mutex_lock(&lock);
        n_sessions = 0; /* the target dropped all its sessions */
        user_pin_len = 0;
        pthread_mutex_unlock(&lock);
    }
    return rv;
}

/* ------------------------------------------------------------------ */
/* Login: PIN retry counter, PIN pad, context-specific login            */
/* ------------------------------------------------------------------ */

static int pin_locked(const Control *c)
{
    return c->max_pin_tries > 0 && state_op("pin_failures", STATE_GET, 0) >= c->max_pin_tries;
}

static void remember_user_pin(const CK_UTF8CHAR *pin, CK_ULONG len)
{
    if (!pin || len > sizeof(user_pin))
        return;
    pthread_mutex_lock(&lock);
    memcpy(user_pin, pin, len);
    user_pin_len = len;
    pthread_mutex_unlock(&lock);
}

static int session_reauth_pending(CK_SESSION_HANDLE h)
{
    pthread_mutex_lock(&lock);
    Session *s = find_session(h);
    int pending = s && s->reauth_pending;
    pthread_mutex_unlock(&lock);
    return pending;
}

static void set_reauth_pending(CK_SESSION_HANDLE h, int pending)
{
    pthread_mutex_lock(&lock);
    Session *s = find_session(h);
    if (s)
        s->reauth_pending = pending;
    pthread_mutex_unlock(&lock);
}

/*
 * Check a context-specific PIN for an emulated always-authenticate key.
 * SoftHSM2 would refuse the login (its key does not need one), and a second
 * CKU_USER login cannot check a PIN (CKR_USER_ALREADY_LOGGED_IN), so the PIN
 * is compared with `context_pin` from the control file or, failing that,
 * with the PIN that last logged the user in through this process.
 */
static CK_RV check_context_pin(const Control *c, const CK_UTF8CHAR *pin, CK_ULONG len)
{
    CK_RV rv;
    if (!pin)
        return CKR_ARGUMENTS_BAD;
    if (c->has_context_pin)
        return strlen(c->context_pin) == len && !memcmp(c->context_pin, pin, len)
                   ? CKR_OK : CKR_PIN_INCORRECT;
    pthread_mutex_lock(&lock);
    if (user_pin_len == 0)
        rv = CKR_USER_NOT_LOGGED_IN;
    else
        rv = user_pin_len == len && !memcmp(user_pin, pin, len) ? CKR_OK : CKR_PIN_INCORRECT;
    pthread_mutex_unlock(&lock);
    return rv;
}

/* Book-keeping after a user or context-specific login attempt. */
static CK_RV account_login(const Control *c, CK_SESSION_HANDLE h, CK_USER_TYPE type,
                           const CK_UTF8CHAR *pin, CK_ULONG len, CK_RV rv)
{
    if (rv == CKR_PIN_INCORRECT && c->max_pin_tries > 0)
        state_op("pin_failures", STATE_ADD, 1);
    if (rv != CKR_OK)
        return rv;
    state_op("pin_failures", STATE_SET, 0);
    if (type == CKU_USER) {
        remember_user_pin(pin, len);
        state_op("user_logins", STATE_ADD, 1);
    } else {
        set_reauth_pending(h, 0);
        state_op("context_logins", STATE_ADD, 1);
    }
    return rv;
}

static CK_RV shim_C_Login(CK_SESSION_HANDLE hSession, CK_USER_TYPE userType,
                          CK_UTF8CHAR_PTR pPin, CK_ULONG ulPinLen)
{
    Control c;
    CK_SESSION_HANDLE th = hSession;
    CK_RV rv = enter_session("C_Login", &th, &c);
    if (rv != CKR_OK)
        return rv;
    if (userType != CKU_USER && userType != CKU_CONTEXT_SPECIFIC)
        return target->C_Login(th, userType, pPin, ulPinLen); /* SO: no counter */

    if (!pPin && c.protected_auth_path) {
        /* The "user" types the PIN on the reader; no PIN configured = Cancel. */
        sleep_ms(c.pinpad_delay_ms);
        if (!c.has_pinpad_pin)
            return CKR_FUNCTION_CANCELED;
        pPin = (CK_UTF8CHAR_PTR)c.pinpad_pin;
        ulPinLen = strlen(c.pinpad_pin);
    }
    if (pin_locked(&c))
        return CKR_PIN_LOCKED; /* a locked token never sees the PIN */

    if (userType == CKU_CONTEXT_SPECIFIC && session_reauth_pending(hSession))
        rv = check_context_pin(&c, pPin, ulPinLen);
    else
        rv = target->C_Login(th, userType, pPin, ulPinLen);
    return account_login(&c, hSession, userType, pPin, ulPinLen, rv);
}

static CK_RV shim_C_InitPIN(CK_SESSION_HANDLE hSession, CK_UTF8CHAR_PTR pPin, CK_ULONG ulPinLen)
{
    Control c;
    CK_RV rv = enter_session("C_InitPIN", &hSession, &c);
    if (rv == CKR_OK)
        rv = target->C_InitPIN(hSession, pPin, ulPinLen);
    if (rv == CKR_OK) {
        state_op("pin_failures", STATE_SET, 0); /* the SO unblocked the user PIN */
        remember_user_pin(pPin, ulPinLen);
    }
    return rv;
}

static CK_RV shim_C_SetPIN(CK_SESSION_HANDLE hSession, CK_UTF8CHAR_PTR pOldPin, CK_ULONG ulOldLen,
                           CK_UTF8CHAR_PTR pNewPin, CK_ULONG ulNewLen)
{
    Control c;
    CK_SESSION_INFO info;
    CK_RV rv = enter_session("C_SetPIN", &hSession, &c);
    if (rv == CKR_OK)
        rv = target->C_SetPIN(hSession, pOldPin, ulOldLen, pNewPin, ulNewLen);
    /* Outside an SO session C_SetPIN changes the user PIN: keep checking against it. */
    if (rv == CKR_OK && target->C_GetSessionInfo(hSession, &info) == CKR_OK &&
        info.state != CKS_RW_SO_FUNCTIONS)
        remember_user_pin(pNewPin, ulNewLen);
    return rv;
}

/* ------------------------------------------------------------------ */
/* Always-authenticate private keys                                     */
/* ------------------------------------------------------------------ */

static int target_attr(CK_SESSION_HANDLE th, CK_OBJECT_HANDLE obj, CK_ATTRIBUTE_TYPE type,
                       void *value, CK_ULONG size)
{
    CK_ATTRIBUTE attr = {type, value, size};
    return target->C_GetAttributeValue(th, obj, &attr, 1) == CKR_OK;
}

static int is_private_key(CK_SESSION_HANDLE th, CK_OBJECT_HANDLE obj)
{
    CK_OBJECT_CLASS cls;
    return target_attr(th, obj, CKA_CLASS, &cls, sizeof(cls)) && cls == CKO_PRIVATE_KEY;
}

/* True if the target itself enforces CKA_ALWAYS_AUTHENTICATE on this key. */
static int target_always_auth(CK_SESSION_HANDLE th, CK_OBJECT_HANDLE obj)
{
    CK_BBOOL value = CK_FALSE;
    return target_attr(th, obj, CKA_ALWAYS_AUTHENTICATE, &value, sizeof(value)) && value;
}

static CK_RV shim_C_GetAttributeValue(CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject,
                                      CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount)
{
    Control c;
    CK_RV rv = enter_session("C_GetAttributeValue", &hSession, &c);
    if (rv == CKR_OK)
        rv = target->C_GetAttributeValue(hSession, hObject, pTemplate, ulCount);
    int partial = rv == CKR_OK || rv == CKR_ATTRIBUTE_SENSITIVE ||
                  rv == CKR_ATTRIBUTE_TYPE_INVALID || rv == CKR_BUFFER_TOO_SMALL;
    if (!partial || !c.always_authenticate || !is_private_key(hSession, hObject))
        return rv;
    for (CK_ULONG i = 0; i < ulCount; i++) {
        CK_ATTRIBUTE *a = &pTemplate[i];
        if (a->type != CKA_ALWAYS_AUTHENTICATE)
            continue;
        if (a->pValue && a->ulValueLen >= sizeof(CK_BBOOL))
            *(CK_BBOOL *)a->pValue = CK_TRUE;
        if (!a->pValue || a->ulValueLen >= sizeof(CK_BBOOL))
            a->ulValueLen = sizeof(CK_BBOOL);
    }
    return rv;
}

static CK_RV shim_C_SignInit(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                             CK_OBJECT_HANDLE hKey)
{
    Control c;
    CK_SESSION_HANDLE th = hSession;
    CK_RV rv = enter_session("C_SignInit", &th, &c);
    if (rv == CKR_OK)
        rv = target->C_SignInit(th, pMechanism, hKey);
    /* Emulate only where the target does not already enforce it itself. */
    set_reauth_pending(hSession, rv == CKR_OK && c.always_authenticate &&
                                     is_private_key(th, hKey) && !target_always_auth(th, hKey));
    return rv;
}

/*
 * A signing call that fails - injected by `fail=`, or on a key still waiting
 * for its context login (CKR_USER_NOT_LOGGED_IN, as SoftHSM2 does for a key
 * that really has CKA_ALWAYS_AUTHENTICATE) - ends the operation, as the
 * specification requires for any error but CKR_BUFFER_TOO_SMALL. PKCS#11
 * v2.40 cannot cancel an operation, so the target's operation is ended by
 * completing it into a scratch buffer (C_Sign for single-part, C_SignFinal
 * for multi-part) and that signature is thrown away.
 */
static CK_RV fail_sign(CK_SESSION_HANDLE shim_h, CK_SESSION_HANDLE th, CK_BYTE_PTR data,
                       CK_ULONG data_len, CK_RV fault)
{
    CK_BYTE scratch[8192];
    CK_ULONG len = sizeof(scratch);
    set_reauth_pending(shim_h, 0);
    if (data)
        target->C_Sign(th, data, data_len, scratch, &len);
    else
        target->C_SignFinal(th, scratch, &len);
    return fault != CKR_OK ? fault : CKR_USER_NOT_LOGGED_IN;
}

static CK_RV shim_C_Sign(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen,
                         CK_BYTE_PTR pSignature, CK_ULONG_PTR pulSignatureLen)
{
    Control c;
    CK_SESSION_HANDLE th = hSession;
    CK_RV fault, rv = enter_session_fault("C_Sign", &th, &c, &fault);
    if (rv != CKR_OK)
        return rv;
    if (fault != CKR_OK || session_reauth_pending(hSession))
        return fail_sign(hSession, th, pData, ulDataLen, fault);
    rv = target->C_Sign(th, pData, ulDataLen, pSignature, pulSignatureLen);
    if (rv == CKR_OK && pSignature)
        state_op("signatures", STATE_ADD, 1);
    return rv;
}

static CK_RV shim_C_SignUpdate(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen)
{
    Control c;
    CK_SESSION_HANDLE th = hSession;
    CK_RV fault, rv = enter_session_fault("C_SignUpdate", &th, &c, &fault);
    if (rv != CKR_OK)
        return rv;
    if (fault != CKR_OK || session_reauth_pending(hSession))
        return fail_sign(hSession, th, NULL, 0, fault);
    return target->C_SignUpdate(th, pPart, ulPartLen);
}

static CK_RV shim_C_SignFinal(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSignature,
                              CK_ULONG_PTR pulSignatureLen)
{
    Control c;
    CK_SESSION_HANDLE th = hSession;
    CK_RV fault, rv = enter_session_fault("C_SignFinal", &th, &c, &fault);
    if (rv != CKR_OK)
        return rv;
    if (fault != CKR_OK || session_reauth_pending(hSession))
        return fail_sign(hSession, th, NULL, 0, fault);
    rv = target->C_SignFinal(th, pSignature, pulSignatureLen);
    if (rv == CKR_OK && pSignature)
        state_op("signatures", STATE_ADD, 1);
    return rv;
}

/* ------------------------------------------------------------------ */
/* Loading the target and the one exported symbol                       */
/* ------------------------------------------------------------------ */

static CK_RV load_target(void)
{
    CK_RV rv = CKR_OK;
    pthread_mutex_lock(&lock);
    if (target)
        goto out;
    const char *path = getenv("P11SHIM_TARGET");
    if (!path || !*path)
        path = DEFAULT_TARGET;
    target_dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    CK_RV (*get_list)(CK_FUNCTION_LIST_PTR_PTR) =
        target_dl ? (CK_RV(*)(CK_FUNCTION_LIST_PTR_PTR))dlsym(target_dl, "C_GetFunctionList")
                  : NULL;
    if (!get_list || (rv = get_list(&target)) != CKR_OK || !target) {
        fprintf(stderr, "p11shim: cannot load target module %s: %s\n", path,
                target_dl ? "no usable C_GetFunctionList" : dlerror());
        target = NULL;
        rv = rv != CKR_OK ? rv : CKR_GENERAL_ERROR;
        goto out;
    }

    /* Our list: plain forwarders, then the functions with injected behaviour. */
    shim_list.version = (CK_VERSION){2, 40};
#define X(kind, name, params, args) shim_list.name = fwd_##name;
    P11_FUNCTIONS
#undef X
    shim_list.C_GetFunctionList = C_GetFunctionList;
    shim_list.C_Finalize = shim_C_Finalize;
    shim_list.C_GetSlotList = shim_C_GetSlotList;
    shim_list.C_GetSlotInfo = shim_C_GetSlotInfo;
    shim_list.C_GetTokenInfo = shim_C_GetTokenInfo;
    shim_list.C_InitToken = shim_C_InitToken;
    shim_list.C_OpenSession = shim_C_OpenSession;
    shim_list.C_CloseSession = shim_C_CloseSession;
    shim_list.C_CloseAllSessions = shim_C_CloseAllSessions;
    shim_list.C_Login = shim_C_Login;
    shim_list.C_InitPIN = shim_C_InitPIN;
    shim_list.C_SetPIN = shim_C_SetPIN;
    shim_list.C_GetAttributeValue = shim_C_GetAttributeValue;
    shim_list.C_SignInit = shim_C_SignInit;
    shim_list.C_Sign = shim_C_Sign;
    shim_list.C_SignUpdate = shim_C_SignUpdate;
    shim_list.C_SignFinal = shim_C_SignFinal;
out:
    pthread_mutex_unlock(&lock);
    return rv;
}

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR ppFunctionList)
{
    Control c;
    CK_RV rv = inject("C_GetFunctionList", &c);
    if (rv != CKR_OK)
        return rv;
    if (!ppFunctionList)
        return CKR_ARGUMENTS_BAD;
    rv = load_target();
    if (rv == CKR_OK)
        *ppFunctionList = &shim_list;
    return rv;
}
