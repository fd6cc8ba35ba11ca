using Weft.Api.Analysis.Support;

namespace Weft.Api.Analysis.Gateways;

/// <summary>Where a finding about a Gateway's selector points.</summary>
internal static class GatewaySelectors
{
    /// <summary>The selector's first label (<c>spec.selector[istio]</c>), as Istio points at it.</summary>
    public static string Path(IReadOnlyDictionary<string, string>? selector) =>
        LabelSelectors.FirstKey(selector) is { } key ? $"spec.selector[{key}]" : "spec.selector";
}
