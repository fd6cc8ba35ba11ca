using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>The conditions of one match of an HTTP rule; all must hold.</summary>
[WireNullsAreAbsent]
public sealed record HttpMatchRequest
{
    public string? Name { get; init; }
    public StringMatch? Uri { get; init; }
    public StringMatch? Scheme { get; init; }
    public StringMatch? Method { get; init; }
    public StringMatch? Authority { get; init; }
    public IReadOnlyDictionary<string, StringMatch>? Headers { get; init; }
    public uint? Port { get; init; }
    public IReadOnlyDictionary<string, string>? SourceLabels { get; init; }
    public IReadOnlyList<string>? Gateways { get; init; }
    public IReadOnlyDictionary<string, StringMatch>? QueryParams { get; init; }
    public bool? IgnoreUriCase { get; init; }
    public IReadOnlyDictionary<string, StringMatch>? WithoutHeaders { get; init; }
    public string? SourceNamespace { get; init; }
    public string? StatPrefix { get; init; }
}
