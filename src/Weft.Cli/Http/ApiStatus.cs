using System.Text.Json;

namespace Weft.Cli.Http;

/// <summary>A Kubernetes Status returned by the control plane for a failed request.</summary>
public sealed record ApiStatus(int Code, string Reason, string Message, IReadOnlyList<ApiCause> Causes)
{
    public static ApiStatus Parse(int code, string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var causes = new List<ApiCause>();
            if (root.TryGetProperty("details", out var details) && details.TryGetProperty("causes", out var cs) && cs.ValueKind == JsonValueKind.Array)
            {
                foreach (var c in cs.EnumerateArray())
                    causes.Add(new ApiCause(Str(c, "field"), Str(c, "message") ?? "", Str(c, "reason")));
            }
            return new ApiStatus(code, Str(root, "reason") ?? "Unknown", Str(root, "message") ?? body, causes);
        }
        catch (JsonException)
        {
            return new ApiStatus(code, "Unknown", body.Length > 0 ? body.Trim() : $"HTTP {code}", []);
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

public sealed record ApiCause(string? Field, string Message, string? Reason);

/// <summary>The control plane refused a request; kubectl prints these as "Error from server (Reason): message".</summary>
public sealed class ApiException(ApiStatus status) : Exception(status.Message)
{
    public ApiStatus Status { get; } = status;

    public string Describe() => $"Error from server ({Status.Reason}): {Status.Message}";
}
