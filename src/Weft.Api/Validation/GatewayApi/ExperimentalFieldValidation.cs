using Weft.Api.Binding;
using Weft.Api.Model;
using Weft.Api.Model.GatewayApi;

namespace Weft.Api.Validation.GatewayApi;

/// <summary>
/// Checks the experimental-channel fields a type keeps aside (<see cref="ExperimentalFields"/>):
/// names it does not take are unknown fields, worded as the binder words them; names it takes are
/// bound to their typed shape (schema errors) and handed back for their own rules.
/// </summary>
internal static class ExperimentalFieldValidation
{
    public static void Check(List<FieldError> e, string at, Type owner, IReadOnlyDictionary<string, FreeForm>? fields,
        Action<string, string, object>? validate = null)
    {
        if (fields is null)
            return;
        var allowed = ExperimentalFields.Of(owner);
        foreach (var (name, value) in fields)
        {
            var path = FieldPath.Child(at, name);
            if (!allowed.TryGetValue(name, out var type))
            {
                var known = Shapes.ForObject(owner).ByWire.Keys.Concat(allowed.Keys);
                e.Add(FieldError.UnknownField(path, name, Suggest.Closest(name, known)));
                continue;
            }
            var ctx = new BindContext();
            var typed = Binder.Bind(value.Node, type, ctx, path);
            e.AddRange(ctx.Errors);
            if (ctx.Errors.Count == 0 && typed is not null)
                validate?.Invoke(name, path, typed);
        }
    }

    public static void Retry(List<FieldError> e, string at, HTTPRouteRetry r)
    {
        if (r.Codes is { } codes)
            for (var i = 0; i < codes.Count; i++)
                e.AddIf(OpenApi.Number(FieldPath.Index(FieldPath.Child(at, "codes"), i), codes[i], 400, 599));
        e.AddIf(GatewayApiFields.Duration(FieldPath.Child(at, "backoff"), r.Backoff));
    }

    public static void SessionPersistence(List<FieldError> e, string at, SessionPersistence s)
    {
        e.AddIf(OpenApi.String(FieldPath.Child(at, "sessionName"), s.SessionName, maxLength: 128));
        e.AddIf(GatewayApiFields.Duration(FieldPath.Child(at, "absoluteTimeout"), s.AbsoluteTimeout));
        e.AddIf(GatewayApiFields.Duration(FieldPath.Child(at, "idleTimeout"), s.IdleTimeout));
        if (s.CookieConfig?.LifetimeType == CookieLifetimeType.Permanent && s.AbsoluteTimeout is null)
            e.Add(OpenApi.Rule(at, "object", "AbsoluteTimeout must be specified when cookie lifetimeType is Permanent"));
    }

    public static void ExternalAuth(List<FieldError> e, string at, HTTPExternalAuthFilter a)
    {
        if (a.Protocol is null)
            e.Add(OpenApi.Required(FieldPath.Child(at, "protocol")));
        if (a.BackendRef is null)
            e.Add(OpenApi.Required(FieldPath.Child(at, "backendRef")));
        else
            References.Backend(e, FieldPath.Child(at, "backendRef"), a.BackendRef);
        e.AddIf(OpenApi.Items(FieldPath.Child(FieldPath.Child(at, "grpc"), "allowedHeaders"), a.Grpc?.AllowedHeaders?.Count, maxItems: 64));
        e.AddIf(OpenApi.Items(FieldPath.Child(FieldPath.Child(at, "http"), "allowedHeaders"), a.Http?.AllowedHeaders?.Count, maxItems: 64));
        e.AddIf(OpenApi.Items(FieldPath.Child(FieldPath.Child(at, "http"), "allowedResponseHeaders"), a.Http?.AllowedResponseHeaders?.Count, maxItems: 64));
        e.AddIf(OpenApi.Number(FieldPath.Child(FieldPath.Child(at, "forwardBody"), "maxSize"), a.ForwardBody?.MaxSize, 0, ushort.MaxValue));
        if (a.Protocol is { } protocol)
        {
            if (protocol == ExternalAuthProtocol.GRPC && a.Grpc is null)
                e.Add(OpenApi.Rule(at, "object", "grpc must be specified when protocol is set to 'GRPC'"));
            if (protocol != ExternalAuthProtocol.GRPC && a.Grpc is not null)
                e.Add(OpenApi.Rule(at, "object", "protocol must be 'GRPC' when grpc is set"));
            if (protocol == ExternalAuthProtocol.HTTP && a.Http is null)
                e.Add(OpenApi.Rule(at, "object", "http must be specified when protocol is set to 'HTTP'"));
            if (protocol != ExternalAuthProtocol.HTTP && a.Http is not null)
                e.Add(OpenApi.Rule(at, "object", "protocol must be 'HTTP' when http is set"));
        }
    }
}
