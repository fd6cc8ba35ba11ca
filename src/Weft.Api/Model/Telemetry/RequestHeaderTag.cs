namespace Weft.Api.Model.Telemetry;

/// <summary>Tracing.RequestHeader: a tag read from a request header.</summary>
public sealed record RequestHeaderTag
{
    public string? Name { get; init; }
    public string? DefaultValue { get; init; }
}
