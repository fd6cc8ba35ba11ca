using System.Security.Cryptography;

namespace Weft.Identity.Keys;

/// <summary>
/// The key-encryption key (KEK) that seals the CA's private key at rest: 32 random bytes,
/// base64 in a 0600 file. Kept apart from what it protects when it can be (another volume, a
/// systemd credential), a copied data directory or backup then holds no usable CA key.
/// </summary>
public static class KeyEncryptionKey
{
    /// <summary>Reads the KEK, creating it (0600) when <paramref name="create"/> and it does not exist.</summary>
    /// <exception cref="IOException">It cannot be read or created, or does not hold 32 bytes; the message names the file.</exception>
    public static byte[] Load(string path, bool create, out bool created)
    {
        created = false;
        if (!File.Exists(path))
        {
            if (!create)
                throw new IOException($"the key-encryption key {path} does not exist");
            var fresh = RandomNumberGenerator.GetBytes(KeyEnvelope.KeySize);
            var dir = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(dir))
                Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            SecretFile.Write(path, Convert.ToBase64String(fresh) + "\n");
            created = true;
            return fresh;
        }
        var text = File.ReadAllText(path).Trim();
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text);
        }
        catch (FormatException e)
        {
            throw new IOException($"the key-encryption key {path} is not base64 text", e);
        }
        if (key.Length != KeyEnvelope.KeySize)
            throw new IOException($"the key-encryption key {path} holds {key.Length} bytes; it must hold {KeyEnvelope.KeySize} (base64 of 32 random bytes)");
        return key;
    }
}
