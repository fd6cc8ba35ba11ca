using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Weft.Identity.Bootstrap;
using Weft.Identity.Keys;
using Weft.Identity.Spiffe;

namespace Weft.ControlPlane.Ca;

/// <summary>
/// Bootstrap grants on disk, <c>DATA_DIR/ca/bootstrap-tokens.json</c> (0600): the identity, the
/// SHA-256 of the secret (never the secret), creation, expiry and use. Rewritten whole and
/// atomically at each change, so a token marked used stays used across a crash or restart.
/// </summary>
internal static class BootstrapTokenFile
{
    public const string FileName = "bootstrap-tokens.json";

    public static Task SaveAsync(string path, ImmutableArray<BootstrapGrant> grants)
    {
        var items = new JsonArray();
        foreach (var g in grants)
        {
            items.Add(new JsonObject
            {
                ["id"] = g.Id,
                ["identity"] = g.Identity.ToString(),
                ["secretSha256"] = Convert.ToBase64String(g.SecretHash.AsSpan()),
                ["createdAt"] = g.CreatedAt.ToString("o", CultureInfo.InvariantCulture),
                ["expiresAt"] = g.ExpiresAt.ToString("o", CultureInfo.InvariantCulture),
                ["usedAt"] = g.UsedAt?.ToString("o", CultureInfo.InvariantCulture),
            });
        }
        var doc = new JsonObject { ["apiVersion"] = "weft.io/v1", ["kind"] = "BootstrapGrantList", ["items"] = items };
        SecretFile.Write(path, doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return Task.CompletedTask;
    }

    /// <exception cref="IOException">The file exists but cannot be read; the message names it.</exception>
    public static IReadOnlyList<BootstrapGrant> Load(string path)
    {
        if (!File.Exists(path))
            return [];
        try
        {
            var doc = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new JsonException("not a JSON object");
            var result = new List<BootstrapGrant>();
            foreach (var node in doc["items"] as JsonArray ?? [])
            {
                var g = node as JsonObject ?? throw new JsonException("an item is not an object");
                result.Add(new BootstrapGrant(
                    (string?)g["id"] ?? throw new JsonException("an item has no id"),
                    SpiffeId.Parse((string?)g["identity"] ?? ""),
                    [.. Convert.FromBase64String((string?)g["secretSha256"] ?? "")],
                    DateTimeOffset.Parse((string?)g["createdAt"] ?? "", CultureInfo.InvariantCulture),
                    DateTimeOffset.Parse((string?)g["expiresAt"] ?? "", CultureInfo.InvariantCulture),
                    (string?)g["usedAt"] is { } u ? DateTimeOffset.Parse(u, CultureInfo.InvariantCulture) : null));
            }
            return result;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new IOException($"the bootstrap token file {path} is damaged ({e.Message}); move it away to forget every issued token", e);
        }
    }
}
