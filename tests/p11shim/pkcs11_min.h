/*
 * pkcs11_min.h - the subset of the PKCS#11 v2.40 C API that p11shim needs.
 *
 * Written for this test helper rather than included from p11-kit, NSS or
 * OpenSC so that the shim builds on a machine with only gcc and libc.
 * It follows the OASIS PKCS#11 v2.40 header for Linux/Unix:
 *   - CK_ULONG is `unsigned long` (64 bits on LP64), CK_BYTE `unsigned char`;
 *   - structures are NOT packed (packing is a Windows convention);
 *   - CK_FUNCTION_LIST holds the 68 v2.40 functions in specification order.
 * The function list is written once, as the X-macro P11_FUNCTIONS, and both
 * the struct layout and the shim's forwarders are generated from it, so the
 * order can only be wrong in one place.
 */
#ifndef P11SHIM_PKCS11_MIN_H
#define P11SHIM_PKCS11_MIN_H

typedef unsigned char CK_BYTE;
typedef CK_BYTE CK_CHAR;
typedef CK_BYTE CK_UTF8CHAR;
typedef CK_BYTE CK_BBOOL;
typedef unsigned long CK_ULONG;
typedef long CK_LONG;
typedef CK_ULONG CK_FLAGS;

typedef CK_BYTE *CK_BYTE_PTR;
typedef CK_UTF8CHAR *CK_UTF8CHAR_PTR;
typedef CK_ULONG *CK_ULONG_PTR;
typedef void *CK_VOID_PTR;

typedef CK_ULONG CK_RV;
typedef CK_ULONG CK_SLOT_ID;
typedef CK_SLOT_ID *CK_SLOT_ID_PTR;
typedef CK_ULONG CK_SESSION_HANDLE;
typedef CK_SESSION_HANDLE *CK_SESSION_HANDLE_PTR;
typedef CK_ULONG CK_OBJECT_HANDLE;
typedef CK_OBJECT_HANDLE *CK_OBJECT_HANDLE_PTR;
typedef CK_ULONG CK_OBJECT_CLASS;
typedef CK_ULONG CK_USER_TYPE;
typedef CK_ULONG CK_STATE;
typedef CK_ULONG CK_ATTRIBUTE_TYPE;
typedef CK_ULONG CK_MECHANISM_TYPE;
typedef CK_MECHANISM_TYPE *CK_MECHANISM_TYPE_PTR;
typedef CK_ULONG CK_NOTIFICATION;

typedef struct CK_VERSION {
    CK_BYTE major;
    CK_BYTE minor;
} CK_VERSION;

typedef struct CK_INFO {
    CK_VERSION cryptokiVersion;
    CK_UTF8CHAR manufacturerID[32];
    CK_FLAGS flags;
    CK_UTF8CHAR libraryDescription[32];
    CK_VERSION libraryVersion;
} CK_INFO, *CK_INFO_PTR;

typedef struct CK_SLOT_INFO {
    CK_UTF8CHAR slotDescription[64];
    CK_UTF8CHAR manufacturerID[32];
    CK_FLAGS flags;
    CK_VERSION hardwareVersion;
    CK_VERSION firmwareVersion;
} CK_SLOT_INFO, *CK_SLOT_INFO_PTR;

typedef struct CK_TOKEN_INFO {
    CK_UTF8CHAR label[32];
    CK_UTF8CHAR manufacturerID[32];
    CK_UTF8CHAR model[16];
    CK_CHAR serialNumber[16];
    CK_FLAGS flags;
    CK_ULONG ulMaxSessionCount;
    CK_ULONG ulSessionCount;
    CK_ULONG ulMaxRwSessionCount;
    CK_ULONG ulRwSessionCount;
    CK_ULONG ulMaxPinLen;
    CK_ULONG ulMinPinLen;
    CK_ULONG ulTotalPublicMemory;
    CK_ULONG ulFreePublicMemory;
    CK_ULONG ulTotalPrivateMemory;
    CK_ULONG ulFreePrivateMemory;
    CK_VERSION hardwareVersion;
    CK_VERSION firmwareVersion;
    CK_CHAR utcTime[16];
} CK_TOKEN_INFO, *CK_TOKEN_INFO_PTR;

typedef struct CK_SESSION_INFO {
    CK_SLOT_ID slotID;
    CK_STATE state;
    CK_FLAGS flags;
    CK_ULONG ulDeviceError;
} CK_SESSION_INFO, *CK_SESSION_INFO_PTR;

typedef struct CK_ATTRIBUTE {
    CK_ATTRIBUTE_TYPE type;
    CK_VOID_PTR pValue;
    CK_ULONG ulValueLen;
} CK_ATTRIBUTE, *CK_ATTRIBUTE_PTR;

typedef struct CK_MECHANISM {
    CK_MECHANISM_TYPE mechanism;
    CK_VOID_PTR pParameter;
    CK_ULONG ulParameterLen;
} CK_MECHANISM, *CK_MECHANISM_PTR;

typedef struct CK_MECHANISM_INFO {
    CK_ULONG ulMinKeySize;
    CK_ULONG ulMaxKeySize;
    CK_FLAGS flags;
} CK_MECHANISM_INFO, *CK_MECHANISM_INFO_PTR;

typedef CK_RV (*CK_NOTIFY)(CK_SESSION_HANDLE hSession, CK_NOTIFICATION event,
                           CK_VOID_PTR pApplication);

typedef struct CK_FUNCTION_LIST CK_FUNCTION_LIST;
typedef CK_FUNCTION_LIST *CK_FUNCTION_LIST_PTR;
typedef CK_FUNCTION_LIST_PTR *CK_FUNCTION_LIST_PTR_PTR;

/* Constants used by the shim (values from the v2.40 specification). */
#define CK_TRUE 1
#define CK_FALSE 0

#define CKF_TOKEN_PRESENT 0x00000001UL
#define CKF_PROTECTED_AUTHENTICATION_PATH 0x00000100UL
#define CKF_TOKEN_INITIALIZED 0x00000400UL
#define CKF_USER_PIN_COUNT_LOW 0x00010000UL
#define CKF_USER_PIN_FINAL_TRY 0x00020000UL
#define CKF_USER_PIN_LOCKED 0x00040000UL

#define CKU_SO 0UL
#define CKU_USER 1UL
#define CKU_CONTEXT_SPECIFIC 2UL

#define CKS_RW_SO_FUNCTIONS 4UL

#define CKO_PRIVATE_KEY 3UL
#define CKA_CLASS 0x00000000UL
#define CKA_ALWAYS_AUTHENTICATE 0x00000202UL

#define CKR_OK 0x000UL
#define CKR_HOST_MEMORY 0x002UL
#define CKR_SLOT_ID_INVALID 0x003UL
#define CKR_GENERAL_ERROR 0x005UL
#define CKR_FUNCTION_FAILED 0x006UL
#define CKR_ARGUMENTS_BAD 0x007UL
#define CKR_ATTRIBUTE_SENSITIVE 0x011UL
#define CKR_ATTRIBUTE_TYPE_INVALID 0x012UL
#define CKR_DEVICE_ERROR 0x030UL
#define CKR_DEVICE_MEMORY 0x031UL
#define CKR_DEVICE_REMOVED 0x032UL
#define CKR_FUNCTION_CANCELED 0x050UL
#define CKR_KEY_HANDLE_INVALID 0x060UL
#define CKR_MECHANISM_INVALID 0x070UL
#define CKR_OPERATION_ACTIVE 0x090UL
#define CKR_OPERATION_NOT_INITIALIZED 0x091UL
#define CKR_PIN_INCORRECT 0x0A0UL
#define CKR_PIN_EXPIRED 0x0A3UL
#define CKR_PIN_LOCKED 0x0A4UL
#define CKR_SESSION_CLOSED 0x0B0UL
#define CKR_SESSION_COUNT 0x0B1UL
#define CKR_SESSION_HANDLE_INVALID 0x0B3UL
#define CKR_TOKEN_NOT_PRESENT 0x0E0UL
#define CKR_TOKEN_NOT_RECOGNIZED 0x0E1UL
#define CKR_USER_ALREADY_LOGGED_IN 0x100UL
#define CKR_USER_NOT_LOGGED_IN 0x101UL
#define CKR_BUFFER_TOO_SMALL 0x150UL
#define CKR_CRYPTOKI_NOT_INITIALIZED 0x190UL

/*
 * The v2.40 function list, in specification order.
 * X(kind, name, (parameters), (arguments)) where kind says what the first
 * parameter is: G = neither a slot nor a session, T = a slot whose token
 * must be present, S = a session handle (always called hSession).
 */
#define P11_FUNCTIONS \
    X(G, C_Initialize, (CK_VOID_PTR pInitArgs), (pInitArgs)) \
    X(G, C_Finalize, (CK_VOID_PTR pReserved), (pReserved)) \
    X(G, C_GetInfo, (CK_INFO_PTR pInfo), (pInfo)) \
    X(G, C_GetFunctionList, (CK_FUNCTION_LIST_PTR_PTR ppFunctionList), (ppFunctionList)) \
    X(G, C_GetSlotList, (CK_BBOOL tokenPresent, CK_SLOT_ID_PTR pSlotList, \
                         CK_ULONG_PTR pulCount), (tokenPresent, pSlotList, pulCount)) \
    X(G, C_GetSlotInfo, (CK_SLOT_ID slotID, CK_SLOT_INFO_PTR pInfo), (slotID, pInfo)) \
    X(T, C_GetTokenInfo, (CK_SLOT_ID slotID, CK_TOKEN_INFO_PTR pInfo), (slotID, pInfo)) \
    X(T, C_GetMechanismList, (CK_SLOT_ID slotID, CK_MECHANISM_TYPE_PTR pMechanismList, \
                              CK_ULONG_PTR pulCount), (slotID, pMechanismList, pulCount)) \
    X(T, C_GetMechanismInfo, (CK_SLOT_ID slotID, CK_MECHANISM_TYPE type, \
                              CK_MECHANISM_INFO_PTR pInfo), (slotID, type, pInfo)) \
    X(T, C_InitToken, (CK_SLOT_ID slotID, CK_UTF8CHAR_PTR pPin, CK_ULONG ulPinLen, \
                       CK_UTF8CHAR_PTR pLabel), (slotID, pPin, ulPinLen, pLabel)) \
    X(S, C_InitPIN, (CK_SESSION_HANDLE hSession, CK_UTF8CHAR_PTR pPin, CK_ULONG ulPinLen), \
      (hSession, pPin, ulPinLen)) \
    X(S, C_SetPIN, (CK_SESSION_HANDLE hSession, CK_UTF8CHAR_PTR pOldPin, CK_ULONG ulOldLen, \
                    CK_UTF8CHAR_PTR pNewPin, CK_ULONG ulNewLen), \
      (hSession, pOldPin, ulOldLen, pNewPin, ulNewLen)) \
    X(T, C_OpenSession, (CK_SLOT_ID slotID, CK_FLAGS flags, CK_VOID_PTR pApplication, \
                         CK_NOTIFY Notify, CK_SESSION_HANDLE_PTR phSession), \
      (slotID, flags, pApplication, Notify, phSession)) \
    X(S, C_CloseSession, (CK_SESSION_HANDLE hSession), (hSession)) \
    X(G, C_CloseAllSessions, (CK_SLOT_ID slotID), (slotID)) \
    X(S, C_GetSessionInfo, (CK_SESSION_HANDLE hSession, CK_SESSION_INFO_PTR pInfo), \
      (hSession, pInfo)) \
    X(S, C_GetOperationState, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pOperationState, \
                               CK_ULONG_PTR pulOperationStateLen), \
      (hSession, pOperationState, pulOperationStateLen)) \
    X(S, C_SetOperationState, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pOperationState, \
                               CK_ULONG ulOperationStateLen, CK_OBJECT_HANDLE hEncryptionKey, \
                               CK_OBJECT_HANDLE hAuthenticationKey), \
      (hSession, pOperationState, ulOperationStateLen, hEncryptionKey, hAuthenticationKey)) \
    X(S, C_Login, (CK_SESSION_HANDLE hSession, CK_USER_TYPE userType, CK_UTF8CHAR_PTR pPin, \
                   CK_ULONG ulPinLen), (hSession, userType, pPin, ulPinLen)) \
    X(S, C_Logout, (CK_SESSION_HANDLE hSession), (hSession)) \
    X(S, C_CreateObject, (CK_SESSION_HANDLE hSession, CK_ATTRIBUTE_PTR pTemplate, \
                          CK_ULONG ulCount, CK_OBJECT_HANDLE_PTR phObject), \
      (hSession, pTemplate, ulCount, phObject)) \
    X(S, C_CopyObject, (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject, \
                        CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount, \
                        CK_OBJECT_HANDLE_PTR phNewObject), \
      (hSession, hObject, pTemplate, ulCount, phNewObject)) \
    X(S, C_DestroyObject, (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject), \
      (hSession, hObject)) \
    X(S, C_GetObjectSize, (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject, \
                           CK_ULONG_PTR pulSize), (hSession, hObject, pulSize)) \
    X(S, C_GetAttributeValue, (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject, \
                               CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount), \
      (hSession, hObject, pTemplate, ulCount)) \
    X(S, C_SetAttributeValue, (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject, \
                               CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount), \
      (hSession, hObject, pTemplate, ulCount)) \
    X(S, C_FindObjectsInit, (CK_SESSION_HANDLE hSession, CK_ATTRIBUTE_PTR pTemplate, \
                             CK_ULONG ulCount), (hSession, pTemplate, ulCount)) \
    X(S, C_FindObjects, (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE_PTR phObject, \
                         CK_ULONG ulMaxObjectCount, CK_ULONG_PTR pulObjectCount), \
      (hSession, phObject, ulMaxObjectCount, pulObjectCount)) \
    X(S, C_FindObjectsFinal, (CK_SESSION_HANDLE hSession), (hSession)) \
    X(S, C_EncryptInit, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, \
                         CK_OBJECT_HANDLE hKey), (hSession, pMechanism, hKey)) \
    X(S, C_Encrypt, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen, \
                     CK_BYTE_PTR pEncryptedData, CK_ULONG_PTR pulEncryptedDataLen), \
      (hSession, pData, ulDataLen, pEncryptedData, pulEncryptedDataLen)) \
    X(S, C_EncryptUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen, \
                           CK_BYTE_PTR pEncryptedPart, CK_ULONG_PTR pulEncryptedPartLen), \
      (hSession, pPart, ulPartLen, pEncryptedPart, pulEncryptedPartLen)) \
    X(S, C_EncryptFinal, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pLastEncryptedPart, \
                          CK_ULONG_PTR pulLastEncryptedPartLen), \
      (hSession, pLastEncryptedPart, pulLastEncryptedPartLen)) \
    X(S, C_DecryptInit, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, \
                         CK_OBJECT_HANDLE hKey), (hSession, pMechanism, hKey)) \
    X(S, C_Decrypt, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pEncryptedData, \
                     CK_ULONG ulEncryptedDataLen, CK_BYTE_PTR pData, CK_ULONG_PTR pulDataLen), \
      (hSession, pEncryptedData, ulEncryptedDataLen, pData, pulDataLen)) \
    X(S, C_DecryptUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pEncryptedPart, \
                           CK_ULONG ulEncryptedPartLen, CK_BYTE_PTR pPart, \
                           CK_ULONG_PTR pulPartLen), \
      (hSession, pEncryptedPart, ulEncryptedPartLen, pPart, pulPartLen)) \
    X(S, C_DecryptFinal, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pLastPart, \
                          CK_ULONG_PTR pulLastPartLen), (hSession, pLastPart, pulLastPartLen)) \
    X(S, C_DigestInit, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism), \
      (hSession, pMechanism)) \
    X(S, C_Digest, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen, \
                    CK_BYTE_PTR pDigest, CK_ULONG_PTR pulDigestLen), \
      (hSession, pData, ulDataLen, pDigest, pulDigestLen)) \
    X(S, C_DigestUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen), \
      (hSession, pPart, ulPartLen)) \
    X(S, C_DigestKey, (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hKey), (hSession, hKey)) \
    X(S, C_DigestFinal, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pDigest, \
                         CK_ULONG_PTR pulDigestLen), (hSession, pDigest, pulDigestLen)) \
    X(S, C_SignInit, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, \
                      CK_OBJECT_HANDLE hKey), (hSession, pMechanism, hKey)) \
    X(S, C_Sign, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen, \
                  CK_BYTE_PTR pSignature, CK_ULONG_PTR pulSignatureLen), \
      (hSession, pData, ulDataLen, pSignature, pulSignatureLen)) \
    X(S, C_SignUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen), \
      (hSession, pPart, ulPartLen)) \
    X(S, C_SignFinal, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSignature, \
                       CK_ULONG_PTR pulSignatureLen), (hSession, pSignature, pulSignatureLen)) \
    X(S, C_SignRecoverInit, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, \
                             CK_OBJECT_HANDLE hKey), (hSession, pMechanism, hKey)) \
    X(S, C_SignRecover, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen, \
                         CK_BYTE_PTR pSignature, CK_ULONG_PTR pulSignatureLen), \
      (hSession, pData, ulDataLen, pSignature, pulSignatureLen)) \
    X(S, C_VerifyInit, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, \
                        CK_OBJECT_HANDLE hKey), (hSession, pMechanism, hKey)) \
    X(S, C_Verify, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen, \
                    CK_BYTE_PTR pSignature, CK_ULONG ulSignatureLen), \
      (hSession, pData, ulDataLen, pSignature, ulSignatureLen)) \
    X(S, C_VerifyUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen), \
      (hSession, pPart, ulPartLen)) \
    X(S, C_VerifyFinal, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSignature, \
                         CK_ULONG ulSignatureLen), (hSession, pSignature, ulSignatureLen)) \
    X(S, C_VerifyRecoverInit, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, \
                               CK_OBJECT_HANDLE hKey), (hSession, pMechanism, hKey)) \
    X(S, C_VerifyRecover, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSignature, \
                           CK_ULONG ulSignatureLen, CK_BYTE_PTR pData, CK_ULONG_PTR pulDataLen), \
      (hSession, pSignature, ulSignatureLen, pData, pulDataLen)) \
    X(S, C_DigestEncryptUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, \
                                 CK_ULONG ulPartLen, CK_BYTE_PTR pEncryptedPart, \
                                 CK_ULONG_PTR pulEncryptedPartLen), \
      (hSession, pPart, ulPartLen, pEncryptedPart, pulEncryptedPartLen)) \
    X(S, C_DecryptDigestUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pEncryptedPart, \
                                 CK_ULONG ulEncryptedPartLen, CK_BYTE_PTR pPart, \
                                 CK_ULONG_PTR pulPartLen), \
      (hSession, pEncryptedPart, ulEncryptedPartLen, pPart, pulPartLen)) \
    X(S, C_SignEncryptUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, \
                               CK_ULONG ulPartLen, CK_BYTE_PTR pEncryptedPart, \
                               CK_ULONG_PTR pulEncryptedPartLen), \
      (hSession, pPart, ulPartLen, pEncryptedPart, pulEncryptedPartLen)) \
    X(S, C_DecryptVerifyUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pEncryptedPart, \
                                 CK_ULONG ulEncryptedPartLen, CK_BYTE_PTR pPart, \
                                 CK_ULONG_PTR pulPartLen), \
      (hSession, pEncryptedPart, ulEncryptedPartLen, pPart, pulPartLen)) \
    X(S, C_GenerateKey, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, \
                         CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount, \
                         CK_OBJECT_HANDLE_PTR phKey), \
      (hSession, pMechanism, pTemplate, ulCount, phKey)) \
    X(S, C_GenerateKeyPair, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, \
                             CK_ATTRIBUTE_PTR pPublicKeyTemplate, \
                             CK_ULONG ulPublicKeyAttributeCount, \
                             CK_ATTRIBUTE_PTR pPrivateKeyTemplate, \
                             CK_ULONG ulPrivateKeyAttributeCount, \
                             CK_OBJECT_HANDLE_PTR phPublicKey, \
                             CK_OBJECT_HANDLE_PTR phPrivateKey), \
      (hSession, pMechanism, pPublicKeyTemplate, ulPublicKeyAttributeCount, \
       pPrivateKeyTemplate, ulPrivateKeyAttributeCount, phPublicKey, phPrivateKey)) \
    X(S, C_WrapKey, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, \
                     CK_OBJECT_HANDLE hWrappingKey, CK_OBJECT_HANDLE hKey, \
                     CK_BYTE_PTR pWrappedKey, CK_ULONG_PTR pulWrappedKeyLen), \
      (hSession, pMechanism, hWrappingKey, hKey, pWrappedKey, pulWrappedKeyLen)) \
    X(S, C_UnwrapKey, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, \
                       CK_OBJECT_HANDLE hUnwrappingKey, CK_BYTE_PTR pWrappedKey, \
                       CK_ULONG ulWrappedKeyLen, CK_ATTRIBUTE_PTR pTemplate, \
                       CK_ULONG ulAttributeCount, CK_OBJECT_HANDLE_PTR phKey), \
      (hSession, pMechanism, hUnwrappingKey, pWrappedKey, ulWrappedKeyLen, pTemplate, \
       ulAttributeCount, phKey)) \
    X(S, C_DeriveKey, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, \
                       CK_OBJECT_HANDLE hBaseKey, CK_ATTRIBUTE_PTR pTemplate, \
                       CK_ULONG ulAttributeCount, CK_OBJECT_HANDLE_PTR phKey), \
      (hSession, pMechanism, hBaseKey, pTemplate, ulAttributeCount, phKey)) \
    X(S, C_SeedRandom, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSeed, CK_ULONG ulSeedLen), \
      (hSession, pSeed, ulSeedLen)) \
    X(S, C_GenerateRandom, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR RandomData, \
                            CK_ULONG ulRandomLen), (hSession, RandomData, ulRandomLen)) \
    X(S, C_GetFunctionStatus, (CK_SESSION_HANDLE hSession), (hSession)) \
    X(S, C_CancelFunction, (CK_SESSION_HANDLE hSession), (hSession)) \
    X(G, C_WaitForSlotEvent, (CK_FLAGS flags, CK_SLOT_ID_PTR pSlot, CK_VOID_PTR pReserved), \
      (flags, pSlot, pReserved))

struct CK_FUNCTION_LIST {
    CK_VERSION version;
#define X(kind, name, params, args) CK_RV (*name) params;
    P11_FUNCTIONS
#undef X
};

#endif /* P11SHIM_PKCS11_MIN_H */
