namespace Weft.Api.Model.Telemetry;

/// <summary>AccessLogging.Filter: a CEL expression (<c>response.code >= 400</c>) choosing the requests logged.</summary>
public sealed record AccessLogFilter
{
    public string? Expression { get; init; }
}
