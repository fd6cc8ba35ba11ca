using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>ExtensionProvider.HttpHeader: a header sent to a provider, with a literal value or one read from an environment variable.</summary>
[WireNullsAreAbsent]
public sealed record ProviderHttpHeader
{
    public string? Name { get; init; }
    public string? Value { get; init; }
    public string? EnvName { get; init; }
}
