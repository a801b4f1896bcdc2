using Rinkel.Client.Json;

namespace Rinkel.Client
{
    /// <summary>The resources of the API the client knows, for <see cref="RinkelClient.List{T}"/> and <see cref="RinkelClient.GetAsync{T}(RinkelResource{T}, string, IRinkelObserver, System.Threading.CancellationToken)"/>.</summary>
    public static class RinkelResources
    {
        public static readonly RinkelResource<User> Users = new RinkelResource<User>(
            "users", "user", "users", RinkelJsonContext.Default.User, RinkelJsonContext.Default.UserPage, user => user.Id);
    }
}
