"""정보주체의 권리 (data-subject rights): requests, their decisions and notices."""
