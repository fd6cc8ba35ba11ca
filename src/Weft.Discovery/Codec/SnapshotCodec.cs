using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using Weft.Discovery.Snapshot;
using Weft.Discovery.Validation;

namespace Weft.Discovery.Codec;

/// <summary>Encodes and decodes snapshots as JSON; decoding also validates the whole snapshot.</summary>
public static class SnapshotCodec
{
    private static readonly JsonSerializerOptions Indented = new(SnapshotJsonContext.Default.Options) { WriteIndented = true };

    public static byte[] Encode(ProxySnapshot snapshot)
        => JsonSerializer.SerializeToUtf8Bytes(snapshot, SnapshotJsonContext.Default.ProxySnapshot);

    /// <summary>Indented JSON, for files people read (and the admin config dump).</summary>
    public static string EncodeIndented(ProxySnapshot snapshot)
        => JsonSerializer.Serialize(snapshot, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<ProxySnapshot>)Indented.GetTypeInfo(typeof(ProxySnapshot)));

    /// <summary>
    /// Parses and validates. Returns the snapshot, or every problem found (a JSON error stops at
    /// the first, since nothing after it can be trusted).
    /// </summary>
    public static SnapshotDecodeResult Decode(ReadOnlySpan<byte> json)
    {
        ProxySnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize(json, SnapshotJsonContext.Default.ProxySnapshot);
        }
        catch (JsonException e)
        {
            var at = e.Path is { Length: > 0 } p ? p : "$";
            return new(null, [new SnapshotError(at, "is not valid snapshot JSON: " + FirstSentence(e.Message))]);
        }
        if (snapshot is null)
            return new(null, [new SnapshotError("$", "the snapshot is null")]);
        var errors = SnapshotValidator.Validate(snapshot);
        return errors.IsEmpty ? new(snapshot, []) : new(null, errors);
    }

    public static SnapshotDecodeResult Decode(JsonElement element)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
            element.WriteTo(w);
        return Decode(buffer.WrittenSpan);
    }

    /// <summary>
    /// Content hash of everything except the version: two snapshots with the same hash configure
    /// the proxy identically, so the server need not push (Envoy drops such updates the same way).
    /// </summary>
    public static string Hash(ProxySnapshot snapshot)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(snapshot with { Version = "" }, SnapshotJsonContext.Default.ProxySnapshot);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    // System.Text.Json appends "Path: $.x | LineNumber: ..." which we report separately.
    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message;
    }
}

public sealed record SnapshotDecodeResult(ProxySnapshot? Snapshot, ImmutableArray<SnapshotError> Errors)
{
    public bool Ok => Snapshot is not null;

    /// <summary>All errors in one line each, as a NACK carries them.</summary>
    public string ErrorText => string.Join('\n', Errors);
}
