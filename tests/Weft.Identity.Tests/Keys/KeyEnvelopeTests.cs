using System.Security.Cryptography;
using Weft.Identity.Keys;
using Weft.Testing;

namespace Weft.Identity.Tests.Keys;

public class KeyEnvelopeTests
{
    private static readonly byte[] Secret = "-----BEGIN PRIVATE KEY-----\nMIG...\n"u8.ToArray();

    [Fact]
    public void A_sealed_key_opens_with_the_same_key_encryption_key_and_purpose()
    {
        var kek = RandomNumberGenerator.GetBytes(32);
        var sealedBytes = KeyEnvelope.Seal(kek, Secret, "CA key");
        sealedBytes.AsSpan().IndexOf("PRIVATE KEY"u8).Should().Be(-1, "nothing of the key is readable at rest");
        KeyEnvelope.Open(kek, sealedBytes, "CA key").Should().Equal(Secret);
    }

    [Fact]
    public void Sealing_twice_gives_different_bytes()
    {
        var kek = RandomNumberGenerator.GetBytes(32);
        KeyEnvelope.Seal(kek, Secret, "CA key").Should().NotEqual(KeyEnvelope.Seal(kek, Secret, "CA key"));
    }

    [Fact]
    public void Another_key_encryption_key_cannot_open_it()
    {
        var sealedBytes = KeyEnvelope.Seal(RandomNumberGenerator.GetBytes(32), Secret, "CA key");
        FluentActions.Invoking(() => KeyEnvelope.Open(RandomNumberGenerator.GetBytes(32), sealedBytes, "CA key"))
            .Should().Throw<CryptographicException>().WithMessage("the CA key cannot be decrypted: it was encrypted with another key-encryption key, or it was altered");
    }

    [Fact]
    public void A_key_sealed_for_one_purpose_does_not_open_as_another()
    {
        var kek = RandomNumberGenerator.GetBytes(32);
        var sealedBytes = KeyEnvelope.Seal(kek, Secret, "CA key for root A");
        FluentActions.Invoking(() => KeyEnvelope.Open(kek, sealedBytes, "CA key for root B")).Should().Throw<CryptographicException>();
    }

    [Fact]
    public void A_flipped_bit_anywhere_is_detected()
    {
        var kek = RandomNumberGenerator.GetBytes(32);
        var sealedBytes = KeyEnvelope.Seal(kek, Secret, "CA key");
        for (var i = 8; i < sealedBytes.Length; i += 7)
        {
            var copy = (byte[])sealedBytes.Clone();
            copy[i] ^= 0x40;
            FluentActions.Invoking(() => KeyEnvelope.Open(kek, copy, "CA key")).Should().Throw<CryptographicException>($"byte {i} was altered");
        }
    }

    [Fact]
    public void Bytes_that_are_not_an_envelope_are_named_as_such()
    {
        FluentActions.Invoking(() => KeyEnvelope.Open(new byte[32], Secret, "CA key"))
            .Should().Throw<CryptographicException>().WithMessage("*not a Weft encrypted key*");
    }

    [Fact]
    public void The_key_encryption_key_file_is_created_0600_and_read_back()
    {
        using var dir = Repo.TempDir("kek");
        var path = Path.Combine(dir.Path, "ca", "kek");
        var created = KeyEncryptionKey.Load(path, create: true, out var wasCreated);
        wasCreated.Should().BeTrue();
        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        KeyEncryptionKey.Load(path, create: false, out wasCreated).Should().Equal(created);
        wasCreated.Should().BeFalse();
    }

    [Fact]
    public void A_missing_or_damaged_key_encryption_key_file_is_named()
    {
        using var dir = Repo.TempDir("kek");
        FluentActions.Invoking(() => KeyEncryptionKey.Load(dir.File("kek"), create: false, out _))
            .Should().Throw<IOException>().WithMessage($"the key-encryption key {dir.File("kek")} does not exist");
        dir.Write("kek", Convert.ToBase64String(new byte[16]));
        FluentActions.Invoking(() => KeyEncryptionKey.Load(dir.File("kek"), create: false, out _))
            .Should().Throw<IOException>().WithMessage("*holds 16 bytes; it must hold 32*");
    }

    [Fact]
    public void A_secret_file_replaces_the_old_content_whole_and_stays_0600()
    {
        using var dir = Repo.TempDir("secret");
        var path = dir.File("token");
        SecretFile.Write(path, "one");
        SecretFile.Write(path, "two");
        File.ReadAllText(path).Should().Be("two");
        File.GetUnixFileMode(path).Should().Be(SecretFile.Mode);
        Directory.GetFiles(dir.Path).Should().ContainSingle("no temporary file is left behind");
    }
}
