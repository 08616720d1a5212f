package dev.ridgeline.identity;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.identity.internal.Accounts;
import dev.ridgeline.identity.internal.TenantRepository;
import dev.ridgeline.identity.internal.UserRecord;
import dev.ridgeline.identity.internal.UserRepository;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.ConflictException;
import dev.ridgeline.platform.ForbiddenException;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.Role;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

/** Companies and their people: first-run setup, the company profile, invitations, roles, profiles. */
@Service
public class IdentityService {

    private final TenantRepository tenants;
    private final UserRepository users;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final IdGenerator ids;
    private final Clock clock;

    public IdentityService(TenantRepository tenants, UserRepository users, Accounts accounts,
            ApplicationEventPublisher events, IdGenerator ids, Clock clock) {
        this.tenants = tenants;
        this.users = users;
        this.accounts = accounts;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    /** True on a fresh install: no company exists yet, so the setup page is open. */
    @Transactional(readOnly = true)
    public boolean needsSetup() {
        return tenants.count() == 0;
    }

    /**
     * First-run setup: creates the first company and its owner. Refused once any company exists, even when two
     * browsers submit at the same moment.
     */
    @Transactional
    public Tenant setUp(CompanyProfile company, NewUser owner, @Nullable String password) {
        return setUp(company, owner, password, false);
    }

    /** As {@link #setUp(CompanyProfile, NewUser, String)}, asking for the demo region to be loaded into it. */
    @Transactional
    public Tenant setUp(CompanyProfile company, NewUser owner, @Nullable String password, boolean demoData) {
        tenants.lockForSetup();
        if (tenants.count() > 0) {
            throw new ConflictException("Ridgeline is already set up; sign in instead");
        }
        Tenant tenant = createTenant(company, owner, password);
        UserId ownerId = users.findAll(tenant.id()).getFirst().id();
        events.publishEvent(new CompanySetUp(tenant.id(), ownerId, demoData));
        return tenant;
    }

    /** Creates a company with its owner (setup page, or {@code ridgeline tenant create} on a shared install). */
    @Transactional
    public Tenant createTenant(CompanyProfile company, NewUser owner, @Nullable String password) {
        if (owner.role() != Role.OWNER) {
            throw InvalidInputException.of("role", "the first user of a company is its owner");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        CompanyProfile checked = validate(company, errors);
        TenantId tenantId = new TenantId(ids.next());
        UserRecord ownerRecord = accounts.newUser(tenantId, owner, password, UserStatus.ACTIVE, errors);
        tenants.insert(tenantId, checked, clock.instant());
        users.insert(ownerRecord, null);
        events.publishEvent(new IdentityActionTaken(tenantId, ownerRecord.id(), "company.created",
                "Company " + checked.name() + " created with owner " + ownerRecord.name(), null));
        return tenants.find(tenantId).orElseThrow();
    }

    @Transactional(readOnly = true)
    public Tenant getTenant(TenantId id) {
        return tenants.find(id).orElseThrow(() -> new NotFoundException("company", id));
    }

    @Transactional(readOnly = true)
    public Optional<Tenant> findTenantByName(String name) {
        return tenants.findByName(name);
    }

    /**
     * The company a command-line user means: the one with this id or name, or, when none is named, the only
     * company of the install. Empty when there is no match or the choice is ambiguous.
     */
    @Transactional(readOnly = true)
    public Optional<Tenant> resolveTenant(@Nullable String nameOrId) {
        if (nameOrId == null || nameOrId.isBlank()) {
            return tenants.count() == 1 ? tenants.findAny() : Optional.empty();
        }
        try {
            Optional<Tenant> byId = tenants.find(TenantId.of(nameOrId.trim()));
            if (byId.isPresent()) {
                return byId;
            }
        } catch (IllegalArgumentException notAnId) {
            // a name, then
        }
        return tenants.findByName(nameOrId.trim());
    }

    @Transactional
    public Tenant updateCompany(Actor actor, CompanyProfile profile) {
        actor.require(Permission.COMPANY_MANAGE);
        Map<String, String> errors = new LinkedHashMap<>();
        CompanyProfile checked = validate(profile, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        tenants.update(actor.tenantId(), checked, clock.instant());
        events.publishEvent(new IdentityActionTaken(actor.tenantId(), actor.userId(), "company.updated",
                "Company profile updated", null));
        return getTenant(actor.tenantId());
    }

    /** The team: everyone for owners and managers; a rep sees only themselves. */
    @Transactional(readOnly = true)
    public List<User> users(Actor actor) {
        if (!actor.can(Permission.TEAM_VIEW)) {
            return List.of(getUser(actor, actor.userId()));
        }
        return users.findAll(actor.tenantId()).stream().map(UserRecord::toUser).toList();
    }

    @Transactional(readOnly = true)
    public User getUser(Actor actor, UserId id) {
        if (!actor.can(Permission.TEAM_VIEW) && !actor.userId().equals(id)) {
            throw new NotFoundException("user", id);
        }
        return users.find(actor.tenantId(), id).map(UserRecord::toUser)
                .orElseThrow(() -> new NotFoundException("user", id));
    }

    /** For other modules (assigning a lead, naming a sender): a user of this tenant, if there is one. */
    @Transactional(readOnly = true)
    public Optional<User> findUser(TenantId tenant, UserId id) {
        return users.find(tenant, id).map(UserRecord::toUser);
    }

    /** The company's active users of a role, for other modules' notices (budget alerts go to the owners). */
    @Transactional(readOnly = true)
    public List<User> activeUsers(TenantId tenant, Role role) {
        return users.findAll(tenant).stream().map(UserRecord::toUser)
                .filter(u -> u.role() == role && u.status() == UserStatus.ACTIVE).toList();
    }

    /** Display names of the company's people, for other modules' pages (who owns a lead, who did what). */
    @Transactional(readOnly = true)
    public Map<UserId, String> names(TenantId tenant) {
        Map<UserId, String> names = new LinkedHashMap<>();
        users.findAll(tenant).forEach(u -> names.put(u.id(), u.name()));
        return names;
    }

    /** Owners invite by email; the invitation link signs the person in and activates the account. */
    @Transactional
    public User invite(Actor actor, NewUser person) {
        actor.require(Permission.USERS_MANAGE);
        String inviter = users.find(actor.tenantId(), actor.userId()).map(UserRecord::name).orElse("Your company");
        return accounts.invite(actor.tenantId(), person, actor.userId(), inviter).toUser();
    }

    /** The CLI's {@code user add}: the same invitation, sent in the company's name. */
    @Transactional
    public User addUser(TenantId tenant, NewUser person) {
        Tenant t = getTenant(tenant);
        return accounts.invite(tenant, person, null, t.name()).toUser();
    }

    @Transactional
    public User resendInvitation(Actor actor, UserId id) {
        actor.require(Permission.USERS_MANAGE);
        UserRecord u = users.find(actor.tenantId(), id).orElseThrow(() -> new NotFoundException("user", id));
        if (u.status() != UserStatus.INVITED) {
            throw new ConflictException(u.name() + " already accepted the invitation");
        }
        String inviter = users.find(actor.tenantId(), actor.userId()).map(UserRecord::name).orElse("Your company");
        accounts.sendInvitation(u, inviter);
        return u.toUser();
    }

    @Transactional
    public User changeRole(Actor actor, UserId id, Role role) {
        actor.require(Permission.USERS_MANAGE);
        UserRecord u = users.find(actor.tenantId(), id).orElseThrow(() -> new NotFoundException("user", id));
        if (u.role() == Role.OWNER && role != Role.OWNER && users.countActiveOwners(actor.tenantId()) <= 1) {
            throw new ConflictException("A company needs at least one owner: make someone else owner first");
        }
        users.updateRole(actor.tenantId(), id, role);
        events.publishEvent(new IdentityActionTaken(actor.tenantId(), actor.userId(), "user.role_changed",
                u.name() + " is now " + role.label() + " (was " + u.role().label() + ")", null));
        accounts.endSessions(u);
        return users.find(actor.tenantId(), id).orElseThrow().toUser();
    }

    /** Disables the account and ends its open sessions at once. */
    @Transactional
    public User disable(Actor actor, UserId id) {
        actor.require(Permission.USERS_MANAGE);
        if (actor.userId().equals(id)) {
            throw new ForbiddenException("you cannot disable your own account");
        }
        UserRecord u = users.find(actor.tenantId(), id).orElseThrow(() -> new NotFoundException("user", id));
        if (u.role() == Role.OWNER && users.countActiveOwners(actor.tenantId()) <= 1) {
            throw new ConflictException("A company needs at least one owner");
        }
        users.updateStatus(actor.tenantId(), id, UserStatus.DISABLED);
        accounts.endSessions(u);
        events.publishEvent(new IdentityActionTaken(actor.tenantId(), actor.userId(), "user.disabled",
                u.name() + " was disabled", null));
        return users.find(actor.tenantId(), id).orElseThrow().toUser();
    }

    @Transactional
    public User enable(Actor actor, UserId id) {
        actor.require(Permission.USERS_MANAGE);
        UserRecord u = users.find(actor.tenantId(), id).orElseThrow(() -> new NotFoundException("user", id));
        users.updateStatus(actor.tenantId(), id, u.lastSignInAt() == null ? UserStatus.INVITED : UserStatus.ACTIVE);
        events.publishEvent(new IdentityActionTaken(actor.tenantId(), actor.userId(), "user.enabled",
                u.name() + " was enabled again", null));
        return users.find(actor.tenantId(), id).orElseThrow().toUser();
    }

    /** A user changes their own name and phone. */
    @Transactional
    public User updateProfile(Actor actor, String name, @Nullable String phone) {
        UserRecord u = users.find(actor.tenantId(), actor.userId()).orElseThrow();
        accounts.updateProfile(u, name, phone);
        return users.find(actor.tenantId(), actor.userId()).orElseThrow().toUser();
    }

    /** Sets or changes one's own password; an existing password must be given to change it. */
    @Transactional
    public void changePassword(Actor actor, @Nullable String currentPassword, String newPassword) {
        accounts.changePassword(users.find(actor.tenantId(), actor.userId()).orElseThrow(), currentPassword, newPassword);
    }

    /** A fresh authenticator secret for the signed-in user; nothing changes until {@link #enableTotp}. */
    public TotpEnrollment startTotp(Actor actor) {
        UserRecord u = users.find(actor.tenantId(), actor.userId()).orElseThrow();
        return accounts.startTotp(u, getTenant(actor.tenantId()).name());
    }

    /** Stores the secret once a code made from it checks out. */
    @Transactional
    public void enableTotp(Actor actor, String secret, String code) {
        accounts.enableTotp(users.find(actor.tenantId(), actor.userId()).orElseThrow(), secret, code);
    }

    /** Turns the second factor off; a current code is needed so a borrowed session cannot do it. */
    @Transactional
    public void disableTotp(Actor actor, String code) {
        accounts.disableTotp(users.find(actor.tenantId(), actor.userId()).orElseThrow(), code);
    }

    /** Cleans the profile and adds a message per wrong field to {@code errors}. */
    private static CompanyProfile validate(CompanyProfile p, Map<String, String> errors) {
        String name = trim(p.name());
        String legal = trim(p.legalName());
        if (name == null) {
            errors.put("name", "is required");
        } else if (name.length() > 120) {
            errors.put("name", "is longer than 120 characters");
        }
        if (legal == null) {
            legal = name;
        }
        String zone = trim(p.timeZone()) == null ? "America/Chicago" : p.timeZone().trim();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            errors.put("timeZone", "'" + zone + "' is not a time zone; use a name like America/Chicago");
        }
        String zip = trim(p.postalCode());
        if (zip != null && !zip.matches("\\d{5}(-\\d{4})?")) {
            errors.put("postalCode", "must be a US ZIP code like 37203 or 37203-1234");
        }
        String region = trim(p.region());
        if (region != null && region.length() > 40) {
            errors.put("region", "is longer than 40 characters");
        }
        return new CompanyProfile(name, legal, trim(p.street()), trim(p.city()), region, zip, trim(p.phone()),
                trim(p.website()), zone);
    }

    private static @Nullable String trim(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
