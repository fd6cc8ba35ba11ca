using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Weft.Api.Validation;
using Weft.ControlPlane.Http;
using Weft.ControlPlane.Resources;
using Weft.Identity.Bootstrap;

namespace Weft.ControlPlane.Ca;

/// <summary>
/// The REST side of the CA, behind the API token like every REST path:
/// <list type="bullet">
/// <item><c>POST /apis/weft.io/v1/namespaces/NS/bootstraptokens</c> with
/// <c>{"spec":{"serviceAccount":"SA","expirationSeconds":3600}}</c>: 201 with the token in
/// <c>status.token</c> (shown once; only its hash is kept), the identity, expiry, the certificate
/// endpoint's address and the roots a VM must trust to reach it.</item>
/// <item><c>GET /apis/weft.io/v1/ca</c>: the roots and their generations (signing from, trusted until).</item>
/// <item><c>POST /apis/weft.io/v1/ca/rotate</c>: starts a root rotation (a generated CA only).</item>
/// </list>
/// </summary>
internal static class BootstrapTokenEndpoints
{
    public const string Kind = "BootstrapToken";
    public const string Group = "weft.io";

    public static void Map(WebApplication app, CaService ca)
    {
        app.MapPost("/apis/weft.io/v1/namespaces/{ns}/bootstraptokens", (RequestDelegate)(ctx => CreateAsync(ctx, ca)));
        app.MapMethods("/apis/weft.io/v1/namespaces/{ns}/bootstraptokens", ["GET", "PUT", "DELETE", "PATCH"], (RequestDelegate)(ctx =>
        {
            ctx.Response.Headers.Allow = "POST";
            throw new ApiException(ApiStatus.MethodNotAllowed($"{ctx.Request.Method} is not allowed on bootstraptokens; tokens are only created (POST), and are never shown again"));
        }));
        app.MapGet("/apis/weft.io/v1/ca", (RequestDelegate)(ctx => HttpJson.WriteAsync(ctx, 200, Describe(ca))));
        app.MapPost("/apis/weft.io/v1/ca/rotate", (RequestDelegate)(async ctx =>
        {
            try
            {
                await ca.RotateRootAsync(null, null, ctx.RequestAborted);
            }
            catch (InvalidOperationException e)
            {
                throw new ApiException(new ApiStatus(409, "Conflict", e.Message));
            }
            await HttpJson.WriteAsync(ctx, 200, Describe(ca));
        }));
    }

    private static async Task CreateAsync(HttpContext ctx, CaService ca)
    {
        var ns = (string)ctx.Request.RouteValues["ns"]!;
        var body = await HttpJson.ReadObjectAsync(ctx.Request, ctx.RequestAborted);
        var errors = new List<FieldError>();
        if ((string?)body["kind"] is { } kind && kind != Kind)
            errors.Add(FieldError.Invalid("kind", kind, $"this path creates {Kind} objects"));
        // Kubernetes' own rules and wording for the names an identity is made of.
        if (Rules.Dns1123Label("metadata.namespace", ns) is { } nsError)
            errors.Add(nsError);
        var spec = body["spec"] as JsonObject;
        string? sa = null;
        if (spec?["serviceAccount"] is not JsonValue saValue || saValue.GetValueKind() != JsonValueKind.String || saValue.GetValue<string>().Length == 0)
            errors.Add(FieldError.Required("spec.serviceAccount", "the service account the token's workload runs as"));
        else
        {
            sa = saValue.GetValue<string>();
            if (Rules.Dns1123Subdomain("spec.serviceAccount", sa) is { } saError)
                errors.Add(saError);
        }
        var ttl = BootstrapLedger.DefaultTtl;
        if (spec?["expirationSeconds"] is JsonNode e)
        {
            if (e is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var seconds))
            {
                ttl = TimeSpan.FromSeconds(seconds);
                if (BootstrapLedger.TtlProblem(ttl) is { } problem)
                    errors.Add(FieldError.Invalid("spec.expirationSeconds", seconds, problem));
            }
            else
                errors.Add(FieldError.WrongType("spec.expirationSeconds", "integer", e.ToJsonString()));
        }
        if (errors.Count > 0)
            throw new ApiException(ApiStatus.Invalid(Group, Kind, "", errors));

        var (token, grant) = await ca.CreateTokenAsync(ns, sa!, ttl, ctx.RequestAborted);
        ctx.Response.Headers.CacheControl = "no-store";
        await HttpJson.WriteAsync(ctx, 201, new JsonObject
        {
            ["apiVersion"] = "weft.io/v1",
            ["kind"] = Kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = grant.Id,
                ["namespace"] = ns,
                ["creationTimestamp"] = Timestamp(grant.CreatedAt),
            },
            ["spec"] = new JsonObject
            {
                ["serviceAccount"] = sa,
                ["expirationSeconds"] = (long)ttl.TotalSeconds,
            },
            ["status"] = new JsonObject
            {
                ["token"] = token.Reveal(),
                ["identity"] = grant.Identity.ToString(),
                ["expirationTimestamp"] = Timestamp(grant.ExpiresAt),
                ["caAddress"] = ca.Address?.ToString().TrimEnd('/'),
                ["rootCertificates"] = ca.RootCertificatesPem,
            },
        });
    }

    private static JsonObject Describe(CaService ca)
    {
        var mesh = ca.Ca;
        var now = mesh.Time.GetUtcNow();
        var signer = mesh.SignerAt(now);
        var generations = new JsonArray();
        foreach (var g in mesh.Generations)
        {
            generations.Add(new JsonObject
            {
                ["root"] = g.Root.Subject,
                ["rootSha256"] = g.Root.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256),
                ["signer"] = g.Authority?.Certificate.Subject,
                ["signing"] = ReferenceEquals(g.Authority, signer),
                ["signsFrom"] = Timestamp(g.SignsFrom),
                ["trustedUntil"] = g.TrustedUntil is { } u ? Timestamp(u) : null,
                ["trusted"] = g.IsTrustedAt(now),
            });
        }
        return new JsonObject
        {
            ["apiVersion"] = "weft.io/v1",
            ["kind"] = "CertificateAuthority",
            ["trustDomain"] = mesh.TrustDomain,
            ["source"] = ca.IsPlugged ? "cacerts" : "generated",
            ["address"] = ca.Address?.ToString().TrimEnd('/'),
            ["generations"] = generations,
            ["rootCertificates"] = ca.RootCertificatesPem,
        };
    }

    private static string Timestamp(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
