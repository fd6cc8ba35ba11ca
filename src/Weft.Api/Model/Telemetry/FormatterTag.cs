namespace Weft.Api.Model.Telemetry;

/// <summary>Tracing.Formatter: a tag computed from an Envoy access-log format string (<c>%REQ(x-id)%</c>).</summary>
public sealed record FormatterTag
{
    public string? Value { get; init; }
}
