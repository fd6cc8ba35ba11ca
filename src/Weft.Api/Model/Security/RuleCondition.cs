namespace Weft.Api.Model.Security;

/// <summary>Condition: an Istio attribute (<c>request.headers[x]</c>, <c>source.ip</c>, ...) and the values it must or must not have.</summary>
public sealed record RuleCondition
{
    public string? Key { get; init; }
    public IReadOnlyList<string>? Values { get; init; }
    public IReadOnlyList<string>? NotValues { get; init; }
}
