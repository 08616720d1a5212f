package dev.ridgeline.identity.internal;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Loads an account by email for password sign-in. Accounts without a password (invited, or signing in by link or
 * code only) get an unmatchable hash, so a password attempt costs the same time and fails the same way.
 */
@Component
class AccountDetailsService implements UserDetailsService {

    private final UserRepository users;
    private final Passwords passwords;

    AccountDetailsService(UserRepository users, Passwords passwords) {
        this.users = users;
        this.passwords = passwords;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return users.findByEmail(email)
                .map(u -> new SignedInUser(u, u.passwordHash() != null ? u.passwordHash() : passwords.unmatchable()))
                .orElseThrow(() -> new UsernameNotFoundException("no account"));
    }
}
