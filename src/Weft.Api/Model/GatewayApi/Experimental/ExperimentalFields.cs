using System.Collections.Frozen;
using Weft.Api.Binding;

namespace Weft.Api.Model.GatewayApi;

/// <summary>
/// Fields of the Gateway API's experimental channel. The model mirrors the standard CRDs field for
/// field (CrdCoverageTests), so these live in each type's <c>Experimental</c> dictionary as
/// written, and are read typed on demand. This table says which names each type takes and their
/// shape; validation reports any other name as an unknown field, as the binder would.
/// </summary>
public static class ExperimentalFields
{
    private static readonly FrozenDictionary<Type, FrozenDictionary<string, Type>> ByOwner = new Dictionary<Type, FrozenDictionary<string, Type>>
    {
        [typeof(HTTPRouteRule)] = new Dictionary<string, Type>(StringComparer.Ordinal)
        {
            ["retry"] = typeof(HTTPRouteRetry),
            ["sessionPersistence"] = typeof(SessionPersistence),
        }.ToFrozenDictionary(StringComparer.Ordinal),
        [typeof(HTTPRouteFilter)] = new Dictionary<string, Type>(StringComparer.Ordinal)
        {
            ["externalAuth"] = typeof(HTTPExternalAuthFilter),
        }.ToFrozenDictionary(StringComparer.Ordinal),
        [typeof(GRPCRouteRule)] = new Dictionary<string, Type>(StringComparer.Ordinal)
        {
            ["sessionPersistence"] = typeof(SessionPersistence),
        }.ToFrozenDictionary(StringComparer.Ordinal),
    }.ToFrozenDictionary();

    /// <summary>The experimental fields a type accepts, by wire name.</summary>
    public static IReadOnlyDictionary<string, Type> Of(Type owner) =>
        ByOwner.TryGetValue(owner, out var fields) ? fields : FrozenDictionary<string, Type>.Empty;

    /// <summary>
    /// The typed value of an experimental field, or null when absent or malformed (validation
    /// refuses malformed ones before anything reads them).
    /// </summary>
    public static T? Read<T>(IReadOnlyDictionary<string, FreeForm>? fields, string name) where T : class
    {
        if (fields is null || !fields.TryGetValue(name, out var value))
            return null;
        var ctx = new BindContext();
        var bound = Binder.Bind(value.Node, typeof(T), ctx) as T;
        return ctx.Errors.Count == 0 ? bound : null;
    }
}
