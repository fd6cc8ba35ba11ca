using System.Security.Cryptography;
using System.Text;

namespace Weft.Identity.Keys;

/// <summary>
/// A secret sealed with AES-256-GCM under a key-encryption key (KEK). Layout:
/// <c>"WEFTENC1"</c> | 12-byte random nonce | 16-byte tag | ciphertext. The purpose string is
/// authenticated (associated data) but not stored: a sealed CA key opened as anything else, or
/// moved beside another certificate, fails instead of decrypting.
/// </summary>
public static class KeyEnvelope
{
    public const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Magic = "WEFTENC1"u8.ToArray();
    private static readonly int HeaderSize = Magic.Length + NonceSize + TagSize;

    public static byte[] Seal(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> plaintext, string purpose)
    {
        RequireKey(kek);
        var sealedBytes = new byte[HeaderSize + plaintext.Length];
        Magic.CopyTo(sealedBytes, 0);
        var nonce = sealedBytes.AsSpan(Magic.Length, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(kek, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(HeaderSize), sealedBytes.AsSpan(Magic.Length + NonceSize, TagSize), Aad(purpose));
        return sealedBytes;
    }

    /// <exception cref="CryptographicException">Not an envelope, another KEK, another purpose, or altered; the message says which is possible.</exception>
    public static byte[] Open(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> sealedBytes, string purpose)
    {
        RequireKey(kek);
        if (sealedBytes.Length < HeaderSize || !sealedBytes[..Magic.Length].SequenceEqual(Magic))
            throw new CryptographicException($"the {purpose} is not a Weft encrypted key (it does not start with WEFTENC1)");
        var plaintext = new byte[sealedBytes.Length - HeaderSize];
        using var aes = new AesGcm(kek, TagSize);
        try
        {
            aes.Decrypt(sealedBytes.Slice(Magic.Length, NonceSize), sealedBytes[HeaderSize..],
                sealedBytes.Slice(Magic.Length + NonceSize, TagSize), plaintext, Aad(purpose));
        }
        catch (AuthenticationTagMismatchException e)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw new CryptographicException(
                $"the {purpose} cannot be decrypted: it was encrypted with another key-encryption key, or it was altered", e);
        }
        return plaintext;
    }

    private static byte[] Aad(string purpose) => Encoding.UTF8.GetBytes("weft:" + purpose);

    private static void RequireKey(ReadOnlySpan<byte> kek)
    {
        if (kek.Length != KeySize)
            throw new CryptographicException($"a key-encryption key is {KeySize} bytes; this one is {kek.Length}");
    }
}
