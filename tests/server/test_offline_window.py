"""Team ▸ Check out / Check in from the window: the same core and rules as the command line."""
from abstractor.storage import Store
from tests.gui.conftest import dialogs, open_window, settings  # noqa: F401
from tests.server.test_checkout import team  # noqa: F401


def test_check_out_from_the_server_window_and_in_from_the_file_window(qtbot, team, tmp_path, open_window,
                                                                    dialogs):
    alice, rita, a, b = team
    w = open_window(alice)
    offline = w._team_offline
    assert offline.menu.menuAction().isVisible() and offline.checkout_action.isEnabled()
    assert not offline.checkin_action.isEnabled()
    laptop = tmp_path / "trip.db"
    dialogs.save_path = str(laptop)
    offline.checkout_action.trigger()
    assert laptop.exists() and "2 studies copied" in dialogs.messages("info")[-1]

    f = open_window(laptop)  # offline: the file, in the window
    assert f._team_offline.checkin_action.isEnabled() and not f._team_offline.checkout_action.isEnabled()
    f.ctx.store.set_value(b, "study", b, "enrollment", 40)
    with Store(rita) as online:
        online.set_value(a, "study", a, "acronym", "ONLINE")
    f._team_offline.checkin_action.trigger()  # dialogs.confirm answers yes to the plan shown
    assert "Checked in: 1 studies updated" in dialogs.messages("info")[-1]
    with Store(alice) as st:
        assert st.get_study(b).study.enrollment == 40 and st.get_study(a).study.acronym == "ONLINE"
    f._team_offline.checkin_action.trigger()
    assert "Nothing to check in" in dialogs.messages("info")[-1]


def test_the_team_menu_is_hidden_on_an_ordinary_file(open_window):
    w = open_window()
    assert not w._team_offline.menu.menuAction().isVisible()
