import C8Core

/// What `POST /_api/user` asks for.
public struct NewUser: Sendable {
    public var email: String
    public var password: String
    /// The user name; generated (`U…`) when nil.
    public var user: String?
    /// Defaults to the user name.
    public var displayName: String?
    public var active = true
    public var extra: JSON = .object([:])

    public init(email: String, password: String, user: String? = nil, displayName: String? = nil) {
        self.email = email
        self.password = password
        self.user = user
        self.displayName = displayName
    }
}

/// What `PATCH /_api/user/{user}` may change; nil leaves a field alone.
public struct UserChanges: Sendable {
    public var password: String?
    public var displayName: String?
    /// `newEmail.email`.
    public var email: String?
    public var active: Bool?
    /// Replaces the whole `extra` object.
    public var extra: JSON?

    public init(password: String? = nil, displayName: String? = nil, email: String? = nil, active: Bool? = nil, extra: JSON? = nil) {
        self.password = password
        self.displayName = displayName
        self.email = email
        self.active = active
        self.extra = extra
    }
}
