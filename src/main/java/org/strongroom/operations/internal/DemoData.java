package org.strongroom.operations.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.access.AccessResult;
import org.strongroom.access.Actor;
import org.strongroom.access.CareTeams;
import org.strongroom.access.TeamRole;
import org.strongroom.clients.ClientDirectory;
import org.strongroom.clients.ClientProfile;
import org.strongroom.clients.ClientQuery;
import org.strongroom.clients.ClientResult;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.Clients;
import org.strongroom.clients.NewClient;
import org.strongroom.identity.StaffAdministration;
import org.strongroom.identity.StaffDirectory;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;

/**
 * Fills an installation that has no clients yet with fictitious ones (see {@link DemoPeople}),
 * a few staff and their care teams, so a newcomer sees a living product. Asked for on purpose
 * only ({@code strongroom demo seed}, {@code serve --demo}); never part of a normal start.
 *
 * <p>Everything goes through the modules' services, so the demo data is encrypted, indexed and in
 * the audit trail like any other. The staff are <em>invited</em> accounts with no password: no
 * one can sign in as them until the owner re-sends an invitation from the users page, so seeding
 * never leaves a known password behind. They act in the trail as themselves: the practitioners
 * create most clients (and so lead their care teams), the front desk the rest, and the office
 * administrator puts a practitioner on those teams and a second one on some others.
 *
 * <p>All or nothing, in one transaction: an interrupted seed leaves nothing behind, and a second
 * seed is refused (the demo administrator's account exists), as is a seed into an installation
 * that already has clients.
 */
@Component
class DemoData {

    /** The marker of a seeded installation: the demo office administrator's sign-in name. */
    static final String ADMINISTRATOR_EMAIL = "demo.office@example.org";
    static final int DEFAULT_CLIENTS = 200;
    static final int MAX_CLIENTS = 10_000;

    /** The demo staff: name, email, role. */
    static final List<String[]> STAFF = List.of(
            new String[] {"Ганна Кравець (demo office)", ADMINISTRATOR_EMAIL, "ADMINISTRATOR"},
            new String[] {"Марина Савчук (demo)", "demo.maryna.savchuk@example.org", "PRACTITIONER"},
            new String[] {"Petro Hnatiuk (demo)", "demo.petro.hnatiuk@example.org", "PRACTITIONER"},
            new String[] {"Eleanor Price (demo)", "demo.eleanor.price@example.com", "PRACTITIONER"},
            new String[] {"Owen Hughes (demo)", "demo.owen.hughes@example.com", "PRACTITIONER"},
            new String[] {"Софія Литвин (demo front desk)", "demo.frontdesk.sofiia@example.org", "STAFF"},
            new String[] {"Daniel Reed (demo front desk)", "demo.reception.daniel@example.com", "STAFF"});

    /** What was made. */
    record Seeded(int clients, int staff, int teamAssignments) {
    }

    /** A seed that must not run; the message is one line for the command line. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final Clients clients;
    private final ClientDirectory directory;
    private final CareTeams teams;
    private final StaffAdministration administration;
    private final StaffDirectory staffDirectory;
    private final TransactionTemplate transaction;

    DemoData(Clients clients, ClientDirectory directory, CareTeams teams, StaffAdministration administration,
             StaffDirectory staffDirectory, PlatformTransactionManager transactions) {
        this.clients = clients;
        this.directory = directory;
        this.teams = teams;
        this.administration = administration;
        this.staffDirectory = staffDirectory;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Whether this installation was already seeded. */
    boolean seeded() {
        return staffDirectory.findByEmail(ADMINISTRATOR_EMAIL).isPresent();
    }

    /**
     * Seeds {@code count} clients (1–{@value #MAX_CLIENTS}), reporting each one made to {@code progress}.
     *
     * @throws Refused when the installation was already seeded or already has clients
     */
    Seeded seed(int count, long randomSeed, IntConsumer progress) {
        if (count < 1 || count > MAX_CLIENTS) {
            throw new IllegalArgumentException("the number of demo clients must be between 1 and " + MAX_CLIENTS);
        }
        if (seeded()) {
            throw new Refused("demo data is already loaded in this installation (the account " + ADMINISTRATOR_EMAIL + " exists)");
        }
        return transaction.execute(status -> fill(count, randomSeed, progress));
    }

    private Seeded fill(int count, long randomSeed, IntConsumer progress) {
        List<Actor.Staff> practitioners = new ArrayList<>();
        List<Actor.Staff> frontDesk = new ArrayList<>();
        Actor.Staff office = null;
        for (String[] person : STAFF) {
            StaffRole role = StaffRole.valueOf(person[2]);
            StaffAdministration.Invitation invitation = administration.invite(null, person[0], person[1], role);
            if (!(invitation instanceof StaffAdministration.Invitation.Sent sent)) {
                throw new Refused("demo staff cannot be added: an account with a demo address (" + person[1] + ") cannot be made");
            }
            Actor.Staff actor = new Actor.Staff(sent.staff(), role);
            if (role.equals(StaffRole.ADMINISTRATOR)) {
                office = actor;
            } else if (role.equals(StaffRole.PRACTITIONER)) {
                practitioners.add(actor);
            } else {
                frontDesk.add(actor);
            }
        }
        if (!directory.list(office, ClientQuery.firstPage(1)).clients().isEmpty()) {
            throw new Refused("this installation already has clients; demo data goes only into an installation without any");
        }
        DemoPeople people = new DemoPeople(randomSeed, clients.today());
        int assignments = 0;
        for (int i = 0; i < count; i++) {
            DemoPeople.DemoClient next = people.next();
            boolean byFrontDesk = i % 8 == 7;
            Actor.Staff maker = byFrontDesk ? frontDesk.get(i % frontDesk.size()) : practitioners.get(i % practitioners.size());
            ClientStatus initial = next.status() == ClientStatus.CLOSED ? ClientStatus.ACTIVE : next.status();
            ClientProfile made = done(clients.create(maker, new NewClient(initial, next.values(), true)));
            Actor.Staff lead = maker;
            if (byFrontDesk) {
                lead = practitioners.get(people.nextInt(practitioners.size()));
                assigned(teams.assign(office, made.id(), lead.staffId(), TeamRole.LEAD));
                assignments++;
            }
            if (people.nextInt(100) < 20) {
                Actor.Staff second = practitioners.get(people.nextInt(practitioners.size()));
                if (!second.equals(lead)) {
                    assigned(teams.assign(office, made.id(), second.staffId(), TeamRole.MEMBER));
                    assignments++;
                }
            }
            if (next.status() == ClientStatus.CLOSED) {
                done(clients.changeStatus(lead, made.id(), made.version(), ClientStatus.CLOSED));
            }
            progress.accept(i + 1);
        }
        return new Seeded(count, STAFF.size(), assignments);
    }

    private static ClientProfile done(ClientResult<ClientProfile> result) {
        if (result instanceof ClientResult.Done<ClientProfile> done) {
            return done.value();
        }
        // The generator makes only values the default catalogue accepts; an owner's changes to it may not.
        String why = result instanceof ClientResult.Rejected<ClientProfile> rejected
                ? "the field catalogue refuses " + String.join(", ", new java.util.TreeSet<>(rejected.problems().keySet()))
                : result.getClass().getSimpleName();
        throw new Refused("a demo client could not be made (" + why + "); nothing was saved");
    }

    private static void assigned(AccessResult<?> result) {
        if (!(result instanceof AccessResult.Done<?>)) {
            throw new Refused("a demo care team could not be set up; nothing was saved");
        }
    }

    /** For tests: the demo staff ids, if seeded. */
    List<StaffId> staffIds() {
        List<StaffId> ids = new ArrayList<>();
        for (String[] person : STAFF) {
            staffDirectory.findByEmail(person[1]).ifPresent(ids::add);
        }
        return ids;
    }

}
