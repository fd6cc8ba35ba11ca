using Weft.Api.Binding;

namespace Weft.Api.Model.Core;

/// <summary>
/// meta/v1 LabelSelector: objects whose labels match all of <see cref="MatchLabels"/> and all of
/// <see cref="MatchExpressions"/>; an empty selector matches everything. Kept beside the core kinds
/// because the Gateway API (allowedRoutes) and Maistra (memberSelectors) share it.
/// </summary>
[WireNullsAreAbsent]
public sealed record LabelSelector
{
    public IReadOnlyDictionary<string, string>? MatchLabels { get; init; }

    public IReadOnlyList<LabelSelectorRequirement>? MatchExpressions { get; init; }
}

/// <summary>A key, an operator (In, NotIn, Exists, DoesNotExist) and the values In/NotIn compare with.</summary>
[WireNullsAreAbsent]
public sealed record LabelSelectorRequirement
{
    public string? Key { get; init; }

    public string? Operator { get; init; }

    public IReadOnlyList<string>? Values { get; init; }
}
