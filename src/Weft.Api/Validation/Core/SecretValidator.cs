using Weft.Api.Model.Core;

namespace Weft.Api.Validation.Core;

/// <summary>
/// core/v1 Secret as Kubernetes validates it (ValidateSecret): keys are valid file names, data is
/// base64, the total is at most 1 MiB, and each well-known type has its required keys
/// (<c>kubernetes.io/tls</c>: tls.crt and tls.key). stringData counts as data, as the API server
/// merges it in. Values are never repeated in errors.
/// </summary>
public sealed class SecretValidator : KindValidator<Secret>
{
    public override IEnumerable<FieldError> Validate(Secret obj, ValidationContext ctx)
    {
        var e = new List<FieldError>();
        long total = 0;
        if (obj.Data is { } data)
        {
            foreach (var (key, value) in data)
            {
                var path = FieldPath.Key("data", key);
                e.AddRange(CoreRules.ConfigKey(path, key));
                if (CoreRules.TryDecodeBase64(value, out var length, out var error))
                    total += length;
                else
                    e.Add(FieldError.InvalidNoValue(path, error!));
            }
        }
        if (obj.StringData is { } stringData)
        {
            foreach (var (key, value) in stringData)
            {
                e.AddRange(CoreRules.ConfigKey(FieldPath.Key("stringData", key), key));
                if (obj.Data is null || !obj.Data.ContainsKey(key))
                    total += System.Text.Encoding.UTF8.GetByteCount(value);
            }
        }
        if (total > CoreRules.MaxDataSize)
            e.Add(FieldError.TooLong("data", CoreRules.MaxDataSize));
        RequiredKeys(e, obj);
        return e;
    }

    private static void RequiredKeys(List<FieldError> e, Secret s)
    {
        void Need(string key)
        {
            if (!s.Has(key))
                e.Add(FieldError.Required(FieldPath.Key("data", key)));
        }

        switch (s.TypeOrDefault)
        {
            case SecretTypes.Tls:
                Need(SecretTypes.TlsCertKey);
                Need(SecretTypes.TlsPrivateKeyKey);
                break;
            case SecretTypes.ServiceAccountToken:
                if (string.IsNullOrEmpty(s.Metadata.Annotation("kubernetes.io/service-account.name")))
                    e.Add(FieldError.Required("metadata.annotations[kubernetes.io/service-account.name]"));
                break;
            case SecretTypes.Dockercfg:
                Need(".dockercfg");
                break;
            case SecretTypes.DockerConfigJson:
                Need(".dockerconfigjson");
                break;
            case SecretTypes.BasicAuth:
                if (!s.Has("username") && !s.Has("password"))
                {
                    Need("username");
                    Need("password");
                }
                break;
            case SecretTypes.SshAuth:
                Need("ssh-privatekey");
                break;
        }
    }
}
