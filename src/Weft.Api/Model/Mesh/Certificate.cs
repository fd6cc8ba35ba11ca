using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>Certificate (deprecated): a DNS certificate istiod provisioned into a secret.</summary>
[WireNullsAreAbsent]
public sealed record Certificate
{
    public string? SecretName { get; init; }
    public IReadOnlyList<string>? DnsNames { get; init; }
}
