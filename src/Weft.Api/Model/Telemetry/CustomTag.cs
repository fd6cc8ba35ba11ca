namespace Weft.Api.Model.Telemetry;

/// <summary>Tracing.CustomTag: where a span tag's value comes from; exactly one source is set.</summary>
public sealed record CustomTag
{
    public LiteralTag? Literal { get; init; }
    public EnvironmentTag? Environment { get; init; }
    public RequestHeaderTag? Header { get; init; }
    public FormatterTag? Formatter { get; init; }
}
